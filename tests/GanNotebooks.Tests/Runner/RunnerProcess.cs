using System.Diagnostics;
using System.Text.Json;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Tests.Runner;

/// <summary>
/// The runner as a user starts it: its own build (lib/GanNotebooks.Runner/bin/&lt;configuration&gt;/net10.0), in a
/// process of its own, so notebooks load TorchSharp and the library exactly as in a learner's kernel.
/// </summary>
internal static class RunnerProcess
{
    /// <summary>gan-notebooks.dll of the runner's build with the same configuration as the tests.</summary>
    public static string Path { get; } = Find();

    /// <summary>Runs <c>gan-notebooks</c> with <paramref name="args"/>; returns the exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    /// <summary>Runs <c>gan-notebooks</c> with extra environment variables.</summary>
    public static (int ExitCode, string Output) Run(IDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", new[] { Path }.Concat(args))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root,
        };
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs one notebook (with <paramref name="args"/> such as <c>--preset smoke</c>) and returns what the
    /// runner reported for it.</summary>
    public static (int ExitCode, string Output, NotebookResult Result) RunNotebook(string notebook, string outDir, params string[] args)
    {
        var resultFile = System.IO.Path.Combine(outDir, System.IO.Path.GetFileNameWithoutExtension(notebook) + ".result.json");
        var (code, output) = Run(new[] { "run", notebook, "--out", outDir, "--quiet", "--result-file", resultFile }.Concat(args).ToArray());
        var result = File.Exists(resultFile) ? JsonSerializer.Deserialize<NotebookResult>(File.ReadAllText(resultFile)) : null;
        return (code, output, result ?? throw new InvalidOperationException($"the runner reported nothing (exit code {code}):\n{output}"));
    }

    private static string Find()
    {
        // tests/GanNotebooks.Tests/bin/<configuration>/net10.0/ → the same configuration of the runner.
        var configuration = new DirectoryInfo(System.IO.Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Repo.Path("lib", "GanNotebooks.Runner", "bin", configuration, "net10.0", "gan-notebooks.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The runner is not built: {path}");
    }
}
