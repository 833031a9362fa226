using TorchSharp;
using System.Diagnostics;
using GanNotebooks.Display;
using GanNotebooks.Losses;
using GanNotebooks.Metrics;
using GanNotebooks.Models;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>Per-step times of one GAN step written three ways, and what <see cref="TrainingLoop"/> costs.</summary>
/// <param name="Steps">Steps timed per loop and round.</param>
/// <param name="BareMs">Milliseconds per step of the bare loop: dispose scope, the step, reading both losses.</param>
/// <param name="HandWrittenMs">Milliseconds per step of the bare loop plus a hand-written divergence guard,
/// progress display and history (what the chapters' loops do by hand).</param>
/// <param name="HelperMs">Milliseconds per step of the same step inside <see cref="TrainingLoop"/>.</param>
public sealed record TrainingLoopOverheadResult(int Steps, double BareMs, double HandWrittenMs, double HelperMs)
{
    /// <summary>Helper time over bare time: 1 means the helper costs nothing.</summary>
    public double HelperOverBare => HelperMs / BareMs;

    /// <summary>Helper time over hand-written plumbing time.</summary>
    public double HelperOverHandWritten => HelperMs / HandWrittenMs;
}

/// <summary>
/// Measures the overhead of <see cref="TrainingLoop"/> on the course's smallest real workload: one step of a GAN
/// on 2-D points (generator and discriminator MLPs 2 → 64 → 64 → out, batch 128, Adam). The three loops run in
/// turns from the same seed, each round starting with the next loop, and each loop's median over the rounds is
/// reported, so that a busy machine slows all three alike.
/// </summary>
public static class TrainingLoopOverhead
{
    /// <summary>Times <paramref name="rounds"/> rounds of <paramref name="steps"/> steps of each loop.</summary>
    public static TrainingLoopOverheadResult Measure(int steps = 2000, int rounds = 3, Device? device = null)
    {
        Require.AtLeast(steps, 1);
        Require.AtLeast(rounds, 1);
        device ??= CPU;
        var bare = new List<double>();
        var handWritten = new List<double>();
        var helper = new List<double>();
        Time(Bare, Math.Min(steps, 50), device);   // warm-up: first calls load kernels and allocate caches
        var loops = new (Action<Gan, int> Loop, List<double> Times)[] { (Bare, bare), (HandWritten, handWritten), (Helper, helper) };
        for (var r = 0; r < rounds; r++)
            for (var k = 0; k < loops.Length; k++)
            {
                // Each round starts with a different loop, so that no loop always runs first (or last).
                var (loop, times) = loops[(r + k) % loops.Length];
                times.Add(Time(loop, steps, device));
            }
        return new TrainingLoopOverheadResult(steps, Statistics.Median(bare), Statistics.Median(handWritten), Statistics.Median(helper));
    }

    private sealed class Gan
    {
        public Gan(Device device)
        {
            Seeds.Set(0);
            G = new Mlp(2, new[] { 64, 64 }, 2).to(device);
            D = new Mlp(2, new[] { 64, 64 }, 1).to(device);
            OptG = optim.Adam(G.parameters(), 1e-3, beta1: 0.5, beta2: 0.999);
            OptD = optim.Adam(D.parameters(), 1e-3, beta1: 0.5, beta2: 0.999);
            Device = device;
        }

        public Mlp G { get; }
        public Mlp D { get; }
        public optim.Optimizer OptG { get; }
        public optim.Optimizer OptD { get; }
        public Device Device { get; }

        public (Tensor LossD, Tensor LossG) Step()
        {
            var real = randn(128, 2, device: Device) * 0.5 + 1;
            var fake = G.forward(randn(128, 2, device: Device));
            OptD.zero_grad();
            var lossD = GanLosses.Discriminator(D.forward(real), D.forward(fake.detach()));
            lossD.backward();
            OptD.step();
            OptG.zero_grad();
            var lossG = GanLosses.NonSaturatingGenerator(D.forward(fake));
            lossG.backward();
            OptG.step();
            return (lossD, lossG);
        }
    }

    private static double Time(Action<Gan, int> loop, int steps, Device device)
    {
        var gan = new Gan(device);
        var clock = Stopwatch.StartNew();
        loop(gan, steps);
        var ms = clock.Elapsed.TotalMilliseconds / steps;
        gan.G.Dispose();
        gan.D.Dispose();
        return ms;
    }

    private static void Bare(Gan gan, int steps)
    {
        for (var step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            var (lossD, lossG) = gan.Step();
            _ = (lossD.item<float>(), lossG.item<float>());
        }
    }

    private static void HandWritten(Gan gan, int steps)
    {
        var guard = new DivergenceGuard();
        var progress = new Progress("hand-written loop", steps);
        var history = new History();
        for (var step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            var (lossD, lossG) = gan.Step();
            var (ld, lg) = (lossD.item<float>(), lossG.item<float>());
            guard.Check(step, ("loss_D", ld), ("loss_G", lg));
            if (step == 1 || step % 20 == 0)
            {
                history.Add("loss_D", step, ld);
                history.Add("loss_G", step, lg);
            }
            progress.Report(step, ("loss_D", ld), ("loss_G", lg));
        }
    }

    private static void Helper(Gan gan, int steps)
    {
        var loop = new TrainingLoop("helper loop", steps, recordEvery: 20);
        foreach (var _ in loop.Steps())
        {
            var (lossD, lossG) = gan.Step();
            loop.Report(("loss_D", lossD), ("loss_G", lossG));
        }
    }
}
