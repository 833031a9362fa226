using System.Diagnostics;
using System.Text.Json;
using GanNotebooks.Runner.Notebooks;
using GanNotebooks.Runner.Reports;

namespace GanNotebooks.Runner.Execution;

/// <summary>Runs a list of notebooks and writes what a learner looks at afterwards.</summary>
public static class CourseRun
{
    /// <summary>Expands folders into their .ipynb files, sorted by name (00-, 01-, ...).</summary>
    public static IReadOnlyList<string> FindNotebooks(IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
                found.AddRange(Directory.GetFiles(p, "*.ipynb").Where(f => !Path.GetFileName(f).StartsWith('.')).OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal));
            else if (File.Exists(p) && p.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
                found.Add(p);
            else
                throw new NotebookException($"{p}: no such notebook or folder.");
        }
        if (found.Count == 0) throw new NotebookException("No notebooks found in " + string.Join(", ", paths) + ".");
        return found;
    }

    /// <summary>
    /// Runs each notebook. One notebook runs in this process; several run one after the other, each in a process
    /// of its own, as each has its own kernel in VS Code or Jupyter: process-wide settings a notebook changes (torch
    /// threads, seeds) and the memory it holds end with it, so its results do not depend on what ran before.
    /// With <paramref name="outDir"/>, writes the executed .ipynb and an HTML page per notebook and an index page;
    /// with <paramref name="writeBack"/>, also replaces each source notebook that ran clean by its executed version
    /// (how the committed outputs are made). <paramref name="resultFile"/> receives the first notebook's result (how a
    /// child reports to its parent), <paramref name="resultsFile"/> all of them (how the bench reads each notebook's
    /// time and peak memory inside one course run).
    /// </summary>
    public static async Task<IReadOnlyList<NotebookResult>> RunAsync(IReadOnlyList<string> notebooks, RunOptions options, string? outDir,
                                                                    bool writeBack = false, string? resultFile = null, string? resultsFile = null)
    {
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            HtmlExporter.WriteAssets(outDir);
        }
        var results = new List<NotebookResult>();
        foreach (var path in notebooks)
        {
            Terminal.WriteError($"== {Path.GetFileName(path)}");
            var result = notebooks.Count == 1 ? await RunHereAsync(path, options, outDir, writeBack) : RunInChild(path, options, outDir, writeBack);
            results.Add(result);
            Terminal.WriteError($"   {result.Status} ({result.Elapsed.TotalSeconds:F1} s){(result.Error is null ? "" : ": " + result.Error)}");
        }
        if (outDir is not null)
            File.WriteAllText(Path.Combine(outDir, "index.html"), HtmlExporter.Index(results, options.Preset ?? "default (classroom)"));
        if (resultFile is not null)
            File.WriteAllText(resultFile, JsonSerializer.Serialize(results[0]));
        if (resultsFile is not null)
            File.WriteAllText(resultsFile, JsonSerializer.Serialize(results));
        return results;
    }

    private static async Task<NotebookResult> RunHereAsync(string path, RunOptions options, string? outDir, bool writeBack)
    {
        var executor = new NotebookExecutor(PackagePins.Embedded(), options);
        var (executed, result) = await executor.RunAsync(path);
        result.PeakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
        if (outDir is not null)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            result.ExecutedNotebookPath = Path.Combine(outDir, name + ".ipynb");
            result.HtmlPath = Path.Combine(outDir, name + ".html");
            NotebookFile.Save(executed, result.ExecutedNotebookPath);
            File.WriteAllText(result.HtmlPath, HtmlExporter.Page(executed, result));
        }
        if (writeBack && result.Succeeded) NotebookFile.Save(executed, path);
        return result;
    }

    private static NotebookResult RunInChild(string path, RunOptions options, string? outDir, bool writeBack)
    {
        var resultFile = Path.GetTempFileName();
        try
        {
            var args = new List<string> { RunnerEntry.Path, "run", path, "--result-file", resultFile };
            if (options.Preset is { } preset) args.AddRange(new[] { "--preset", preset });
            foreach (var (name, value) in options.Parameters) args.AddRange(new[] { "--param", $"{name}={value}" });
            if (outDir is not null) args.AddRange(new[] { "--out", outDir });
            if (writeBack) args.Add("--write-back");
            if (!options.Echo) args.Add("--quiet");
            if (options.Profile) args.Add("--profile");
            var (exitCode, peak) = Child.Run(args);
            var text = File.ReadAllText(resultFile);
            var result = text.Length > 0
                ? JsonSerializer.Deserialize<NotebookResult>(text)!
                : new NotebookResult { Path = path, Title = Path.GetFileNameWithoutExtension(path), Error = $"{Path.GetFileName(path)}: the runner process ended with exit code {exitCode} before reporting." };
            result.PeakWorkingSet = Math.Max(result.PeakWorkingSet, peak);
            return result;
        }
        finally
        {
            File.Delete(resultFile);
        }
    }
}

/// <summary>Child processes of the runner (one notebook each), with their peak resident memory.</summary>
public static class Child
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/>, inheriting the terminal; returns the exit code and the
    /// largest resident memory seen (sampled every 100 ms).</summary>
    public static (int ExitCode, long PeakWorkingSet) Run(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet", args) { UseShellExecute = false };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        long peak = 0;
        while (!process.WaitForExit(100))
        {
            try { process.Refresh(); peak = Math.Max(peak, process.PeakWorkingSet64); } catch (InvalidOperationException) { }
        }
        return (process.ExitCode, peak);
    }
}
