using GanNotebooks.Display;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// The plumbing of a training loop, so that a cell shows only the lesson: each step runs in its own dispose
/// scope, the reported losses are checked for divergence, shown in a <see cref="Progress"/> display and recorded
/// in a <see cref="History"/>. The step itself (<c>zero_grad</c>, the loss, <c>backward</c>, <c>step</c>) stays
/// in the cell.
/// </summary>
/// <remarks>
/// Every tensor created inside the loop body belongs to that step's dispose scope and is freed when the next
/// step starts (or when the loop ends, by <c>break</c> or by an exception). Create what must outlive a step (models,
/// optimizers, fixed noise) before the loop. A diverging loss stops the run with a
/// <see cref="TrainingDivergedException"/> that names the step and the value. Every
/// <see cref="ReleaseMemoryEvery"/> steps the loop hands the memory the finished steps left behind back to the system
/// (<see cref="IdleMemory.Release"/>), so a long run keeps the footprint it had after its first steps.
/// </remarks>
/// <example>
/// <code>
/// var loop = new TrainingLoop("GAN training", ganSteps, recordEvery: 20);
/// foreach (var step in loop.Steps())
/// {
///     var real = targetMean + targetStd * randn(batchSize, 1, device: device);
///     var fake = generator.forward(randn(batchSize, 1, device: device));
///
///     optD.zero_grad();
///     var lossD = GanLosses.Discriminator(discriminator.forward(real), discriminator.forward(fake.detach()));
///     lossD.backward();
///     optD.step();
///
///     optG.zero_grad();
///     var lossG = GanLosses.NonSaturatingGenerator(discriminator.forward(fake));
///     lossG.backward();
///     optG.step();
///
///     loop.Report(("loss_D", lossD), ("loss_G", lossG));
/// }
/// new Figure("Losses", "step", "loss").Line(loop.History.Steps("loss_D"), loop.History.Values("loss_D"), "D")
/// </code>
/// </example>
public sealed class TrainingLoop
{
    private readonly DivergenceGuard _guard;
    private readonly Progress? _progress;
    private bool _started;

    /// <summary>Prepares a loop of <paramref name="steps"/> steps.</summary>
    /// <param name="label">What is trained, shown in the progress display; null shows no progress.</param>
    /// <param name="steps">Number of steps.</param>
    /// <param name="recordEvery">Reported values go into <see cref="History"/> at step 1 and every
    /// <paramref name="recordEvery"/> steps.</param>
    /// <param name="maxAbsLoss">The largest |value| a reported metric may take before the run counts as diverged.</param>
    public TrainingLoop(string? label, int steps, int recordEvery = 1, double maxAbsLoss = 1e6)
    {
        Require.AtLeast(steps, 1);
        Require.AtLeast(recordEvery, 1);
        TotalSteps = steps;
        RecordEvery = recordEvery;
        _guard = new DivergenceGuard(maxAbsLoss);
        if (label is not null) _progress = new Progress(label, steps);
    }

    /// <summary>Steps between two <see cref="IdleMemory.Release"/> calls: often enough that neither heap grows by more
    /// than a few MiB in between, rarely enough that its cost does not show (<c>gan-notebooks bench --loops</c> times
    /// this loop against a bare one).</summary>
    public const int ReleaseMemoryEvery = 200;

    /// <summary>Number of steps.</summary>
    public int TotalSteps { get; }

    /// <summary>Steps between two records in <see cref="History"/>.</summary>
    public int RecordEvery { get; }

    /// <summary>The current step, 1-based (0 before the loop starts).</summary>
    public int Step { get; private set; }

    /// <summary>True at the steps whose values go into <see cref="History"/>: step 1 and every <see cref="RecordEvery"/>.</summary>
    public bool IsRecordStep => Step == 1 || Step % RecordEvery == 0;

    /// <summary>The values recorded so far, by name.</summary>
    public History History { get; } = new();

    /// <summary>The steps 1, 2, …, <see cref="TotalSteps"/>, each run inside its own dispose scope. Enumerate once.</summary>
    public IEnumerable<int> Steps()
    {
        if (_started) throw new InvalidOperationException("A TrainingLoop runs once; create a new one for another run.");
        _started = true;
        return Run();
    }

    private IEnumerable<int> Run()
    {
        try
        {
            for (var step = 1; step <= TotalSteps; step++)
            {
                Step = step;
                using (NewDisposeScope())
                    yield return step;
                if (step % ReleaseMemoryEvery == 0) IdleMemory.Release();
            }
        }
        finally
        {
            // Also when the loop was left early: the display then says where it stopped, without times.
            _progress?.Finish();
        }
    }

    /// <summary>
    /// Reports this step's values, for example <c>loop.Report(("loss_D", lossD), ("loss_G", lossG))</c>: each is
    /// checked for divergence, shown in the progress display and, at record steps, added to <see cref="History"/>.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A value is NaN, infinite or larger than the limit.</exception>
    public void Report(params Metric[] metrics)
    {
        RequireRunning();
        _guard.Check(Step, metrics);
        if (IsRecordStep) Record(metrics);
        _progress?.Report(Step, metrics);
    }

    /// <summary>Adds values to <see cref="History"/> at this step, unchecked and not shown: for measurements taken
    /// now and then, such as <c>if (loop.IsRecordStep) loop.Record(("D(x)", sigmoid(realLogits).mean()))</c>.</summary>
    public void Record(params Metric[] metrics)
    {
        RequireRunning();
        foreach (var (name, value) in metrics) History.Add(name, Step, value);
    }

    private void RequireRunning()
    {
        if (Step == 0) throw new InvalidOperationException("Report and Record belong inside foreach (var step in loop.Steps()).");
    }
}
