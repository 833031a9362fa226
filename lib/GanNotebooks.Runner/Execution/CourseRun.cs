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
    /// Runs each notebook. With <paramref name="outDir"/>, writes the executed .ipynb and an HTML page per
    /// notebook and an index page; with <paramref name="writeBack"/>, also replaces the source notebooks with
    /// their executed versions (how the committed outputs are made).
    /// </summary>
    public static IReadOnlyList<NotebookResult> Run(IReadOnlyList<string> notebooks, RunOptions options, string? outDir, bool writeBack = false)
    {
        var pins = PackagePins.Embedded();
        var executor = new NotebookExecutor(pins, options);
        var results = new List<NotebookResult>();
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            HtmlExporter.WriteAssets(outDir);
        }
        foreach (var path in notebooks)
        {
            Console.Error.WriteLine($"== {Path.GetFileName(path)}");
            var (executed, result) = executor.Run(Notebook.Load(path));
            results.Add(result);
            if (outDir is not null)
            {
                var name = Path.GetFileNameWithoutExtension(path);
                result.ExecutedNotebookPath = Path.Combine(outDir, name + ".ipynb");
                result.HtmlPath = Path.Combine(outDir, name + ".html");
                NotebookWriter.Save(executed.Root, result.ExecutedNotebookPath);
                File.WriteAllText(result.HtmlPath, HtmlExporter.Page(executed, result));
            }
            if (writeBack && result.Succeeded) NotebookWriter.Save(executed.Root, path);
            Console.Error.WriteLine($"   {(result.Succeeded ? "ok" : "FAILED: " + result.Error)} ({result.Elapsed.TotalSeconds:F1} s)");
        }
        if (outDir is not null)
            File.WriteAllText(Path.Combine(outDir, "index.html"), HtmlExporter.Index(results, options.Preset ?? "default (classroom)"));
        return results;
    }
}
