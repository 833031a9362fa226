using System.Globalization;
using System.Text;
using GanNotebooks.Training;

namespace GanNotebooks.Display;

/// <summary>
/// Progress of a long loop, printed as short lines at fixed milestones: the first step reported, each tenth of the
/// way, and the last step, with the latest metrics. The lines carry no time, so a notebook saved after a run is the
/// same on every rerun (the runner's summary and HTML pages carry the run times).
/// </summary>
/// <remarks>
/// Why lines and not one display updated in place: the kernel the course pins sends an update of a displayed value
/// under another id than the value itself, so Jupyter and the runner never show it; printed lines appear as the loop
/// runs everywhere.
/// </remarks>
/// <example>
/// <code>
/// var progress = new Progress("JS estimates", shifts.Length);
/// for (var i = 1; i &lt;= shifts.Length; i++)
/// {
///     var estimate = ...;
///     progress.Report(i, ("μ", shifts[i - 1]), ("JS estimate", estimate));
/// }
/// </code>
/// </example>
public sealed class Progress
{
    private int _lastStep;
    private int _lastTenth = -1;
    private Metric[] _lastMetrics = Array.Empty<Metric>();
    private bool _finished;

    /// <summary>Starts tracking <paramref name="totalSteps"/> steps of work called <paramref name="label"/>.</summary>
    public Progress(string label, int totalSteps)
    {
        Runtime.Require.AtLeast(totalSteps, 1);
        Label = label;
        TotalSteps = totalSteps;
    }

    /// <summary>What is being done, for example "training".</summary>
    public string Label { get; }

    /// <summary>The number of steps expected.</summary>
    public int TotalSteps { get; }

    /// <summary>Reports that <paramref name="step"/> (1-based) is done, with optional metrics such as
    /// <c>("loss_D", lossD)</c>. Reporting step <see cref="TotalSteps"/> finishes the progress.</summary>
    public void Report(int step, params Metric[] metrics)
    {
        if (_finished) return;
        (_lastStep, _lastMetrics) = (step, metrics);
        if (step >= TotalSteps)
        {
            Print(step, metrics, stopped: false);
            _finished = true;
            return;
        }
        var tenth = (int)(10L * step / TotalSteps);
        if (tenth <= _lastTenth) return;
        _lastTenth = tenth;
        Print(step, metrics, stopped: false);
    }

    /// <summary>Ends the progress. Called for you by the report of the last step; call it when a loop ends early: the
    /// last line then says where it stopped.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        if (_lastStep > 0) Print(_lastStep, _lastMetrics, stopped: true);
    }

    private void Print(int step, Metric[] metrics, bool stopped)
    {
        var sb = new StringBuilder();
        sb.Append(Label).Append(": ");
        if (stopped) sb.Append("stopped at ");
        sb.Append(step.ToString(CultureInfo.InvariantCulture)).Append('/').Append(TotalSteps)
          .Append(" (").Append((100.0 * step / TotalSteps).ToString("F0", CultureInfo.InvariantCulture)).Append("%)");
        foreach (var (name, value) in metrics)
            sb.Append("  ").Append(name).Append('=').Append(value.ToString("G4", CultureInfo.InvariantCulture));
        Console.WriteLine(sb.ToString());
    }
}
