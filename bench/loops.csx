// The course's two core training loops, timed by `gan-notebooks bench` in a fresh .NET Interactive C# kernel:
// the bench submits the setup lines every notebook starts with (#r TorchSharp-cpu, #r the course library), then
// this file as one cell, then one call such as BenchLoops.Overhead("gan2d", threads: 1, ...).
// bench/peer.py is the same two loops in PyTorch: keep both in step (shapes, batch, optimiser, losses, data).
// Each loop is timed bare (a dispose scope per step, the step, both losses read) and inside the course's
// TrainingLoop helper, in the same process; a soak reads the resident memory along one long TrainingLoop run.
//
//   gan2d  the 2-D GAN of chapters 03 and 05: G 2→128→128→2, D 2→128→128→1 (ReLU), batch 256, a ring of
//          8 Gaussians, Adam(1e-3, β = (0.5, 0.999)), the non-saturating loss.
//   dcgan  the MNIST DCGAN of chapters 06 and 07: the library's DcganGenerator(z 64 → 1×28×28, width 32) and
//          DcganEncoder(1×28×28 → 1 logit, width 32), batch 64 of the shipped digits in [−1, 1],
//          Adam(2e-4, β = (0.5, 0.999)), the non-saturating loss.

using System.Diagnostics;
using System.IO;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;
using GanNotebooks.Data;
using GanNotebooks.Models;
using GanNotebooks.Runtime;
using GanNotebooks.Training;

// As every notebook's setup cell does, before the first tensor.
TorchSharpNatives.EnsureLoadable();

/// <summary>A GAN with its optimisers and its data; Step() is one discriminator and one generator update.</summary>
abstract class BenchGan
{
    protected nn.Module<Tensor, Tensor> G = null!, D = null!;
    protected optim.Optimizer OptG = null!, OptD = null!;
    protected int Batch;

    protected abstract Tensor RealBatch();
    protected abstract Tensor Noise();

    /// <summary>One step; returns (loss_D, loss_G) as tensors of the current dispose scope.</summary>
    public (Tensor LossD, Tensor LossG) Step()
    {
        var real = RealBatch();
        var fake = G.forward(Noise());
        var ones = torch.ones(Batch, 1);
        var zeros = torch.zeros(Batch, 1);

        OptD.zero_grad();
        var lossD = nn.functional.binary_cross_entropy_with_logits(D.forward(real), ones)
                  + nn.functional.binary_cross_entropy_with_logits(D.forward(fake.detach()), zeros);
        lossD.backward();
        OptD.step();

        OptG.zero_grad();
        var lossG = nn.functional.binary_cross_entropy_with_logits(D.forward(fake), ones);   // −log D(G(z))
        lossG.backward();
        OptG.step();
        return (lossD, lossG);
    }

    public static BenchGan Create(string name) => name switch
    {
        "gan2d" => new Gan2d(),
        "dcgan" => new Dcgan(),
        _ => throw new ArgumentException($"loop must be gan2d or dcgan; got \"{name}\"."),
    };
}

sealed class Gan2d : BenchGan
{
    private readonly Tensor _centres;

    public Gan2d()
    {
        Seeds.Set(0);
        Batch = 256;
        G = new Mlp(2, new[] { 128, 128 }, 2);
        D = new Mlp(2, new[] { 128, 128 }, 1);
        OptG = optim.Adam(G.parameters(), 1e-3, beta1: 0.5, beta2: 0.999);
        OptD = optim.Adam(D.parameters(), 1e-3, beta1: 0.5, beta2: 0.999);
        var angles = torch.arange(8, dtype: float32) * (2 * Math.PI / 8);
        _centres = torch.stack(new[] { 2 * torch.cos(angles), 2 * torch.sin(angles) }, 1);   // [8, 2], radius 2
    }

    protected override Tensor RealBatch() => _centres.index_select(0, torch.randint(0, 8, Batch)) + 0.02 * torch.randn(Batch, 2);
    protected override Tensor Noise() => torch.randn(Batch, 2);
}

sealed class Dcgan : BenchGan
{
    private readonly Tensor _images;

    public Dcgan()
    {
        Seeds.Set(0);
        Batch = 64;
        G = new DcganGenerator(64, imageSize: 28, channels: 1, width: 32);
        D = new DcganEncoder(1, imageSize: 28, channels: 1, width: 32);
        OptG = optim.Adam(G.parameters(), 2e-4, beta1: 0.5, beta2: 0.999);
        OptD = optim.Adam(D.parameters(), 2e-4, beta1: 0.5, beta2: 0.999);
        using var digits = MnistData.LoadShipped();
        _images = (digits.Train.Images * 2 - 1).DetachFromDisposeScope();   // [8000, 1, 28, 28] in [−1, 1]
    }

    protected override Tensor RealBatch() => _images.index_select(0, torch.randint(0, _images.shape[0], Batch));
    protected override Tensor Noise() => torch.randn(Batch, 64);
}

static class BenchLoops
{
    /// <summary>
    /// Seconds per step of the bare loop and of the same step inside TrainingLoop, in the same process, with
    /// <paramref name="threads"/> torch threads: after <paramref name="warmup"/> steps, the number of steps that takes
    /// about <paramref name="roundSeconds"/> is measured, then <paramref name="rounds"/> rounds time that many steps of
    /// both loops, the loop that goes first alternating, so that a busy machine slows both alike.
    /// </summary>
    public static void Overhead(string loop, int threads, int warmup, double roundSeconds, int rounds, string resultFile)
    {
        torch.set_num_threads(threads);
        var gan = BenchGan.Create(loop);
        Bare(gan, warmup);
        var steps = StepsFor(roundSeconds, n => Bare(gan, n));
        var bare = new List<double>();
        var course = new List<double>();
        for (var r = 0; r < rounds; r++)
            for (var k = 0; k < 2; k++)
            {
                var clock = Stopwatch.StartNew();
                if ((r + k) % 2 == 0) { Bare(gan, steps); bare.Add(clock.Elapsed.TotalSeconds / steps); }
                else { Course(gan, steps); course.Add(clock.Elapsed.TotalSeconds / steps); }
            }
        Write(resultFile, new { loop, threads = torch.get_num_threads(), steps, rounds, bareSecondsPerStep = bare, courseSecondsPerStep = course });
    }

    // The number of steps that takes about the given time, from the pace of a tenth of it.
    private static int StepsFor(double seconds, Action<int> run)
    {
        var clock = Stopwatch.StartNew();
        var steps = 0;
        while (clock.Elapsed.TotalSeconds < seconds / 10) { run(1); steps++; }
        return Math.Max(1, (int)Math.Round(steps * seconds / clock.Elapsed.TotalSeconds));
    }

    /// <summary>
    /// Resident memory during one long run of the course's loop (<see cref="TrainingLoop"/>: a dispose scope per step,
    /// guard, progress, history, memory released every <see cref="TrainingLoop.ReleaseMemoryEvery"/> steps). At each of
    /// the <paramref name="checkpoints"/>: the largest resident set seen over the <see cref="TrainingLoop.ReleaseMemoryEvery"/>
    /// steps before it (read every 10 steps, so a reading taken just after a release cannot flatter the figure), and,
    /// to tell a leak from a cache, .NET's committed heap and the C allocator's heap (in use and free) at that step.
    /// </summary>
    public static void Soak(string loop, int threads, int[] checkpoints, string resultFile)
    {
        torch.set_num_threads(threads);
        var gan = BenchGan.Create(loop);
        var window = TrainingLoop.ReleaseMemoryEvery;
        var rss = new List<long>();
        var managed = new List<long>();
        var mallocInUse = new List<long>();
        var mallocFree = new List<long>();
        long peak = 0;
        var clock = Stopwatch.StartNew();
        var training = new TrainingLoop("soak", checkpoints[^1], recordEvery: 25);
        foreach (var step in training.Steps())
        {
            var (lossD, lossG) = gan.Step();
            training.Report(("loss_D", lossD), ("loss_G", lossG));
            // No GC.Collect() here: what a learner's kernel holds, with only what TrainingLoop itself does.
            var next = checkpoints.FirstOrDefault(c => c >= step);
            if (next > 0 && step > next - window && step % 10 == 0) peak = Math.Max(peak, ResidentBytes());
            if (step == next)
            {
                rss.Add(Math.Max(peak, ResidentBytes()));
                peak = 0;
                managed.Add(GC.GetGCMemoryInfo().TotalCommittedBytes);
                var heap = CHeap.Read();
                mallocInUse.Add(heap.InUse);
                mallocFree.Add(heap.Free);
            }
        }
        Write(resultFile, new { loop, threads, checkpoints, window, residentBytes = rss, managedCommittedBytes = managed,
                                mallocInUseBytes = mallocInUse, mallocFreeBytes = mallocFree, seconds = clock.Elapsed.TotalSeconds });
    }

    private static void Bare(BenchGan gan, int steps)
    {
        for (var step = 1; step <= steps; step++)
        {
            using var scope = NewDisposeScope();
            var (lossD, lossG) = gan.Step();
            _ = (lossD.item<float>(), lossG.item<float>());
        }
    }

    // The course's loop: the TrainingLoop helper the chapters use (a dispose scope per step, the losses checked for
    // divergence and shown by its progress display every step, recorded in its History every 25 steps).
    private static void Course(BenchGan gan, int steps)
    {
        var loop = new TrainingLoop("bench", steps, recordEvery: 25);
        foreach (var step in loop.Steps())
        {
            var (lossD, lossG) = gan.Step();
            loop.Report(("loss_D", lossD), ("loss_G", lossG));
        }
    }

    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return Environment.WorkingSet;
    }

    /// <summary>glibc's own account of its heap (mallinfo2): bytes handed out and bytes held free; zeros elsewhere.</summary>
    private static class CHeap
    {
        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct MallInfo2 { public nuint Arena, OrdBlks, SmBlks, HBlks, HBlkHd, UsmBlks, FsmBlks, UordBlks, FordBlks, KeepCost; }

        [System.Runtime.InteropServices.DllImport("libc")]
        private static extern MallInfo2 mallinfo2();

        public static (long InUse, long Free) Read()
        {
            try
            {
                var m = mallinfo2();
                return ((long)(m.UordBlks + m.HBlkHd), (long)m.FordBlks);   // mmap'ed blocks count as in use
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                return (0, 0);
            }
        }
    }

    private static void Write(string file, object result) => File.WriteAllText(file, JsonSerializer.Serialize(result));
}
