using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Notebooks;

namespace GanNotebooks.Runner;

/// <summary>
/// `gan-notebooks bench`: the platform's speed figures, each the median of several runs — TorchSharp start-up in
/// a fresh process, the runner's overhead per cell, and the smoke (and optionally classroom) time and peak memory of
/// chosen notebooks.
/// </summary>
public static class Benchmark
{
    public static int Run(string[] args)
    {
        var runs = 5;
        var notebooks = new List<string>();
        var classroom = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--classroom": classroom = true; break;
                default: notebooks.Add(args[i]); break;
            }
        }
        if (runs < 1) throw new ArgumentException("--runs must be ≥ 1.");

        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}; median of {runs} runs.");
        var startup = Enumerable.Range(0, runs).Select(_ => StartupMs()).ToList();
        Console.WriteLine($"TorchSharp start-up (fresh process: load natives, first tensor op): {Median(startup.Select(s => s.FirstTensor)):F0} ms; whole process {Median(startup.Select(s => s.Process)):F0} ms");

        var overhead = Enumerable.Range(0, runs).Select(_ => OverheadPerCellMs()).ToList();
        Console.WriteLine($"Runner overhead per cell (compile + run a trivial C# cell, state carried): {Median(overhead):F1} ms");

        foreach (var nb in notebooks)
        {
            foreach (var preset in classroom ? new[] { "smoke", "classroom" } : new[] { "smoke" })
            {
                var times = new List<double>();
                long peak = 0;
                for (var r = 0; r < runs; r++)
                {
                    var (seconds, peakBytes, ok) = NotebookRun(nb, preset);
                    if (!ok) throw new InvalidOperationException($"{nb} failed with --preset {preset}; fix it before benchmarking.");
                    times.Add(seconds);
                    peak = Math.Max(peak, peakBytes);
                }
                Console.WriteLine($"{Path.GetFileName(nb)} --preset {preset}: {Median(times):F1} s (min {times.Min():F1}, max {times.Max():F1}), peak working set {peak / (1024.0 * 1024):F0} MiB");
            }
        }
        return 0;
    }

    /// <summary>Runs inside the child process of a start-up measurement.</summary>
    public static int StartupProbe()
    {
        var clock = Stopwatch.StartNew();
        using (var t = TorchSharp.torch.ones(10, 10)) _ = t.sum().item<float>();
        Console.WriteLine(clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
        return 0;
    }

    private static (double FirstTensor, double Process) StartupMs()
    {
        var clock = Stopwatch.StartNew();
        var (code, output, _) = Child("bench-startup-probe");
        if (code != 0) throw new InvalidOperationException("start-up probe failed: " + output);
        return (double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture), clock.Elapsed.TotalMilliseconds);
    }

    private static double OverheadPerCellMs()
    {
        const int cells = 60;
        var dir = Directory.CreateTempSubdirectory("bench").FullName;
        try
        {
            var path = Path.Combine(dir, "bench.ipynb");
            var cellArray = new JsonArray();
            for (var i = 0; i < cells; i++)
                cellArray.Add(new JsonObject
                {
                    ["cell_type"] = "code", ["execution_count"] = null, ["id"] = $"c{i}", ["metadata"] = new JsonObject(),
                    ["outputs"] = new JsonArray(), ["source"] = i == 0 ? "var x0 = 0;" : $"var x{i} = x{i - 1} + 1;",
                });
            var root = new JsonObject { ["cells"] = cellArray, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
            NotebookWriter.Save(root, path);
            var executor = new NotebookExecutor(PackagePins.Embedded(), new RunOptions { Echo = false, Note = _ => { } });
            executor.Run(Notebook.Load(path));   // warm-up: Roslyn's first compilation is much slower
            var (_, result) = executor.Run(Notebook.Load(path));
            return result.Elapsed.TotalMilliseconds / cells;
        }
        finally { Directory.Delete(dir, true); }
    }

    private static (double Seconds, long PeakBytes, bool Ok) NotebookRun(string notebook, string preset)
    {
        var clock = Stopwatch.StartNew();
        var (code, _, peak) = Child("run", notebook, "--preset", preset, "--quiet");
        return (clock.Elapsed.TotalSeconds, peak, code == 0);
    }

    private static (int Code, string Output, long PeakBytes) Child(params string[] args)
    {
        var self = Path.Combine(AppContext.BaseDirectory, "gan-notebooks.dll");
        var psi = new ProcessStartInfo("dotnet", new[] { self }.Concat(args)) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var peak = 0L;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        while (!p.WaitForExit(50))
        {
            try { p.Refresh(); peak = Math.Max(peak, p.PeakWorkingSet64); } catch (InvalidOperationException) { }
        }
        return (p.ExitCode, stdout.Result + stderr.Result, peak);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
