using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Kernel;
using GanNotebooks.Runner.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace GanNotebooks.Runner.Bench;

/// <summary>The kernel's fixed costs: start-up to the first tensor in a fresh process, and the cost of a trivial cell.</summary>
public static class KernelCosts
{
    /// <summary>Milliseconds from starting a process to the first tensor operation, with TorchSharp and the library
    /// loaded as a notebook loads them.</summary>
    public static async Task<double> StartupMsAsync(IReadOnlyDictionary<string, string> environment)
    {
        var run = await MeasuredProcess.RunnerAsync(new[] { "bench", "bench-startup-probe" }, environment);
        if (run.ExitCode != 0) throw new BenchException("the start-up probe failed:\n" + KernelProbe.Tail(run.Output));
        return run.Wall.TotalMilliseconds;
    }

    /// <summary>Runs inside the child process of a start-up measurement.</summary>
    public static async Task<int> StartupProbeAsync()
    {
        var failure = await LibraryScript.RunAsync(
            "GanNotebooks.Runtime.TorchSharpNatives.EnsureLoadable(); using (var t = TorchSharp.torch.ones(10, 10)) { _ = t.sum().item<float>(); }");
        if (failure is null) return 0;
        Terminal.WriteError("error: " + failure);
        return 1;
    }

    /// <summary>Milliseconds per trivial cell (compile and run <c>var xN = xN-1 + 1;</c>, state carried), after a
    /// warm-up run of the same notebook, in this process.</summary>
    public static async Task<double> PerCellMsAsync()
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
            if (!result.Succeeded) throw new BenchException("the per-cell probe failed: " + result.Error);
            return result.Elapsed.TotalMilliseconds / cells;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
