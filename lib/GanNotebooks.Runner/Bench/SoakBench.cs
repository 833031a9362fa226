using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Runner.Bench;

/// <summary>Resident memory along one long training run of a loop.</summary>
public sealed record SoakResult(string Loop, int Threads, int[] Checkpoints, long[] ResidentBytes, double Seconds,
                                long[] ManagedCommittedBytes, long[] MallocInUseBytes, long[] MallocFreeBytes, int ReleaseEvery)
{
    /// <summary>Growth from the first checkpoint (step 1,000) to the last, as a fraction of the first.</summary>
    public double Growth => (double)(ResidentBytes[^1] - ResidentBytes[0]) / ResidentBytes[0];
}

/// <summary>
/// Long training runs of the core loops in the course's TrainingLoop (a dispose scope per step, guard, progress, history),
/// in a fresh kernel each, reading the process's resident memory at step 1,000 and later (the peak over the release
/// cycle before each checkpoint), with .NET's committed heap and glibc's heap beside it: memory must stay flat.
/// </summary>
public static class SoakBench
{
    /// <summary>Torch threads of each soak run: what the chapters use (one for the small 2-D networks, two for the DCGAN).</summary>
    public static readonly (string Loop, int Threads)[] Runs = { ("gan2d", 1), ("dcgan", 2) };

    public static async Task<IReadOnlyList<SoakResult>> MeasureAsync(BenchSettings settings)
    {
        var checkpoints = new[] { 1_000, settings.SoakSteps / 4, settings.SoakSteps / 2, settings.SoakSteps }.Distinct().Order().ToArray();
        var results = new List<SoakResult>();
        foreach (var (loop, threads) in Runs)
        {
            Terminal.WriteError($"   soak: {loop}, {settings.SoakSteps:N0} steps");
            var r = await KernelProbe.MeasureAsync(
                $"BenchLoops.Soak(\"{loop}\", threads: {threads}, checkpoints: new[] {{ {string.Join(", ", checkpoints)} }}, resultFile: {{result}});",
                settings.Environment);
            long[] Bytes(string name) => r.GetProperty(name).EnumerateArray().Select(x => x.GetInt64()).ToArray();
            results.Add(new SoakResult(loop, threads, checkpoints, Bytes("residentBytes"), r.GetProperty("seconds").GetDouble(),
                Bytes("managedCommittedBytes"), Bytes("mallocInUseBytes"), Bytes("mallocFreeBytes"), r.GetProperty("window").GetInt32()));
        }
        return results;
    }
}
