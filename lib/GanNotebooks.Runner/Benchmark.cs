using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Kernel;
using GanNotebooks.Runner.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace GanNotebooks.Runner;

/// <summary>
/// `gan-notebooks bench`: speed figures, each the median of several runs — a kernel's start-up with TorchSharp
/// loaded as a notebook loads it, the kernel's cost per trivial cell, and the smoke (optionally classroom) wall time
/// and peak memory of chosen notebooks, each in its own process.
/// </summary>
public static class Benchmark
{
    public static Command Command()
    {
        var notebooks = new Argument<string[]>("notebooks") { Description = "Notebooks to time.", Arity = ArgumentArity.ZeroOrMore };
        var runs = new Option<int>("--runs") { Description = "Runs per figure (the median is reported).", DefaultValueFactory = _ => 5 };
        runs.Validators.Add(r =>
        {
            // A value that is not a number is already reported by the parser.
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, out var n) && n < 1) r.AddError("--runs must be ≥ 1.");
        });
        var classroom = new Option<bool>("--classroom") { Description = "Also time the classroom preset." };
        var command = new Command("bench", "Speed figures: kernel and TorchSharp start-up, cost per cell, notebook wall time and peak memory.")
        {
            notebooks, runs, classroom,
        };
        command.SetAction(p => RunAsync(p.GetValue(notebooks) ?? Array.Empty<string>(), p.GetValue(runs), p.GetValue(classroom)));

        var probe = new Command("bench-startup-probe") { Hidden = true };
        probe.SetAction(_ => StartupProbeAsync());
        // Registered beside bench by Program (hidden).
        command.Subcommands.Add(probe);
        return command;
    }

    private static async Task<int> RunAsync(string[] notebooks, int runs, bool classroom)
    {
        Terminal.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}; median of {runs} runs.");
        var startup = Enumerable.Range(0, runs).Select(_ => StartupMs()).ToList();
        Terminal.WriteLine($"Kernel start-up in a fresh process (kernel, #r TorchSharp-cpu and the library, first tensor operation): {Median(startup):F0} ms");

        var overhead = new List<double>();
        for (var r = 0; r < runs; r++) overhead.Add(await OverheadPerCellMsAsync());
        Terminal.WriteLine($"Kernel cost per cell (compile and run a trivial C# cell, state carried): {Median(overhead):F1} ms");

        foreach (var nb in notebooks)
            foreach (var preset in classroom ? new[] { "smoke", "classroom" } : new[] { "smoke" })
            {
                var times = new List<double>();
                long peak = 0;
                for (var r = 0; r < runs; r++)
                {
                    var clock = Stopwatch.StartNew();
                    var (code, peakBytes) = Child.Run(new[] { Self, "run", nb, "--preset", preset, "--quiet" });
                    if (code != 0) throw new InvalidOperationException($"{nb} failed with --preset {preset}; fix it before benchmarking.");
                    times.Add(clock.Elapsed.TotalSeconds);
                    peak = Math.Max(peak, peakBytes);
                }
                Terminal.WriteLine($"{Path.GetFileName(nb)} --preset {preset}: {Median(times):F1} s (min {times.Min():F1}, max {times.Max():F1}), peak resident memory {peak / (1024.0 * 1024):F0} MiB");
            }
        return 0;
    }

    private static string Self => Path.Combine(AppContext.BaseDirectory, "gan-notebooks.dll");

    /// <summary>Runs inside the child process of a start-up measurement.</summary>
    private static async Task<int> StartupProbeAsync()
    {
        var clock = Stopwatch.StartNew();
        var failure = await LibraryScript.RunAsync("using (var t = TorchSharp.torch.ones(10, 10)) { _ = t.sum().item<float>(); }");
        if (failure is not null) throw new InvalidOperationException(failure);
        Terminal.WriteLine(clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
        return 0;
    }

    private static double StartupMs()
    {
        var clock = Stopwatch.StartNew();
        var (code, _) = Child.Run(new[] { Self, "bench", "bench-startup-probe" });
        if (code != 0) throw new InvalidOperationException("the start-up probe failed");
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> OverheadPerCellMsAsync()
    {
        const int cells = 60;
        var dir = Directory.CreateTempSubdirectory("bench").FullName;
        try
        {
            var path = Path.Combine(dir, "bench.ipynb");
            var document = new InteractiveDocument();
            for (var i = 0; i < cells; i++)
                document.Add(NotebookFile.NewCodeCell($"c{i}", i == 0 ? "var x0 = 0;" : $"var x{i} = x{i - 1} + 1;"));
            NotebookFile.Save(document, path);
            var executor = new NotebookExecutor(PackagePins.Embedded(), new RunOptions { Echo = false, Note = _ => { } });
            await executor.RunAsync(path);   // warm-up: the first compilation is much slower
            var (_, result) = await executor.RunAsync(path);
            return result.Elapsed.TotalMilliseconds / cells;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
