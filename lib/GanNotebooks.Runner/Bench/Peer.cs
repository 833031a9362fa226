using System.Text.Json;

namespace GanNotebooks.Runner.Bench;

/// <summary>The PyTorch side of the loop timings: bench/peer.py run by a Python that imports torch.</summary>
public sealed class Peer
{
    private Peer(string python, string version, string blas, string parallel)
    {
        Python = python;
        Version = version;
        Blas = blas;
        Parallel = parallel;
    }

    /// <summary>The interpreter.</summary>
    public string Python { get; }

    /// <summary>torch.__version__.</summary>
    public string Version { get; }

    /// <summary>The BLAS of its build (torch.__config__.show()) and the BLAS library the process loaded.</summary>
    public string Blas { get; }

    /// <summary>Its parallel backend (torch.__config__.parallel_info()).</summary>
    public string Parallel { get; }

    public static string Script => Path.Combine(KernelProbe.RepositoryRoot, "bench", "peer.py");

    /// <summary>The peer, or null when no candidate Python imports torch (and why, in <paramref name="reason"/>).</summary>
    public static async Task<(Peer? Peer, string Reason)> FindAsync(string? python)
    {
        var candidates = python is not null ? new[] { python } : new[] { "python3", "/usr/bin/python3" };
        var reasons = new List<string>();
        foreach (var candidate in candidates.Distinct())
        {
            try
            {
                var run = await MeasuredProcess.RunAsync(candidate, new[] { Script, "--info" }, new Dictionary<string, string>());
                if (run.ExitCode != 0)
                {
                    reasons.Add($"{candidate}: {run.Output.Trim().Split('\n').Last()}");
                    continue;
                }
                var info = JsonDocument.Parse(run.Output.Trim().Split('\n').Last()).RootElement;
                var blas = string.Join("; ", info.GetProperty("blas").EnumerateArray().Select(e => e.GetString()))
                           + " — loaded: " + string.Join(", ", info.GetProperty("blasLibrary").EnumerateArray().Select(e => e.GetString()));
                return (new Peer(candidate, info.GetProperty("version").GetString()!, blas, info.GetProperty("parallel").GetString()!), "");
            }
            catch (System.ComponentModel.Win32Exception)
            {
                reasons.Add($"{candidate}: not found");
            }
        }
        return (null, "no Python with PyTorch (" + string.Join("; ", reasons) + "); on Debian/Ubuntu: apt install python3-torch");
    }

    /// <summary>Seconds per step of each of <paramref name="rounds"/> rounds of the loop, in a fresh process.</summary>
    public async Task<double[]> SecondsPerStepAsync(string loop, int threads, int warmup, double roundSeconds, int rounds, IReadOnlyDictionary<string, string> environment)
    {
        var run = await MeasuredProcess.RunAsync(Python, new[]
        {
            Script, "--loop", loop, "--threads", threads.ToString(Stats.Inv), "--warmup", warmup.ToString(Stats.Inv),
            "--seconds", roundSeconds.ToString(Stats.Inv), "--rounds", rounds.ToString(Stats.Inv),
        }, environment);
        if (run.ExitCode != 0) throw new BenchException($"bench/peer.py --loop {loop} failed:\n{KernelProbe.Tail(run.Output)}");
        return LoopBench.Doubles(JsonDocument.Parse(run.Output.Trim().Split('\n').Last()).RootElement, "secondsPerStep");
    }
}
