using System.Text.Json;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Runner.Bench;

/// <summary>One loop at one thread count: seconds per step of each timed round, for each side.</summary>
public sealed record LoopTiming(string Loop, int Threads)
{
    /// <summary>TorchSharp, the bare loop (a dispose scope per step, the step, both losses read).</summary>
    public List<double> Bare { get; } = new();

    /// <summary>TorchSharp, the same step inside the course's TrainingLoop helper, same process.</summary>
    public List<double> Course { get; } = new();

    /// <summary>Per-run ratio TrainingLoop / bare, each from the medians of one process's rounds.</summary>
    public List<double> Overhead { get; } = new();

    /// <summary>PyTorch, the same loop (bench/peer.py).</summary>
    public List<double> Peer { get; } = new();

    public double BareStepsPerSecond => 1 / Stats.Median(Bare);
    public double? PeerStepsPerSecond => Peer.Count > 0 ? 1 / Stats.Median(Peer) : null;
}

/// <summary>
/// Steps/s of the course's core training loops (bench/loops.csx in a fresh kernel, bench/peer.py for PyTorch), each
/// measurement a fresh process, TorchSharp and PyTorch taking turns so that a busy machine slows both alike.
/// </summary>
public static class LoopBench
{
    /// <summary>The loops, with their warm-up steps.</summary>
    public static readonly (string Name, int Warmup)[] Loops = { ("gan2d", 100), ("dcgan", 10) };

    /// <summary>Rounds per process; each round times the bare loop and the course's loop once (TorchSharp), or the loop once (PyTorch).</summary>
    public const int Rounds = 4;

    /// <summary>About how long one timed round of one loop takes.</summary>
    public const double RoundSeconds = 2.5;

    public static async Task<IReadOnlyList<LoopTiming>> MeasureAsync(BenchSettings settings, Peer? peer)
    {
        var timings = Loops.SelectMany(l => settings.Threads.Select(t => new LoopTiming(l.Name, t))).ToList();
        for (var run = 0; run < settings.Runs; run++)
            foreach (var timing in timings)
            {
                var (name, warmup) = Loops.Single(l => l.Name == timing.Loop);
                Terminal.WriteError($"   loops: {name}, {timing.Threads} thread(s), run {run + 1}/{settings.Runs}");
                var result = await KernelProbe.MeasureAsync(
                    $"BenchLoops.Overhead(\"{name}\", threads: {timing.Threads}, warmup: {warmup}, roundSeconds: {RoundSeconds.ToString(Stats.Inv)}, rounds: {Rounds}, resultFile: {{result}});",
                    settings.Environment);
                var bare = Doubles(result, "bareSecondsPerStep");
                var course = Doubles(result, "courseSecondsPerStep");
                timing.Bare.AddRange(bare);
                timing.Course.AddRange(course);
                timing.Overhead.Add(Stats.Median(course) / Stats.Median(bare));
                if (peer is not null) timing.Peer.AddRange(await peer.SecondsPerStepAsync(name, timing.Threads, warmup, RoundSeconds, Rounds, settings.Environment));
            }
        return timings;
    }

    public static double[] Doubles(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(x => x.GetDouble()).ToArray();
}
