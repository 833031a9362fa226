using System.Text.Json;
using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Kernel;

namespace GanNotebooks.Runner.Bench;

/// <summary>
/// Runs the bench's C# loops (bench/loops.csx) in a fresh kernel of a child process, as a notebook would: the
/// setup lines every notebook has, the loops file as one cell, then one call that writes its result to a JSON file.
/// </summary>
public static class KernelProbe
{
    /// <summary>The repository root: the folder above lib/ that holds the library build the notebooks reference.</summary>
    public static string RepositoryRoot { get; } =
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(LibraryScript.LibraryPath)!, "..", "..", "..", "..", ".."));

    /// <summary>bench/loops.csx.</summary>
    public static string LoopsFile => Path.Combine(RepositoryRoot, "bench", "loops.csx");

    /// <summary>The hidden command a child runs: <c>bench-probe CALL</c>.</summary>
    public static async Task<int> RunInThisProcessAsync(string call)
    {
        var failure = await LibraryScript.RunAsync(File.ReadAllText(LoopsFile) + "\n" + call);
        if (failure is null) return 0;
        Terminal.WriteError("error: " + failure);
        return 1;
    }

    /// <summary>
    /// Runs <paramref name="call"/> (C# with <c>{result}</c> where the result file's path goes, as a string literal)
    /// in a child process and returns the JSON it wrote.
    /// </summary>
    public static async Task<JsonElement> MeasureAsync(string call, IReadOnlyDictionary<string, string> environment)
    {
        var resultFile = Path.GetTempFileName();
        try
        {
            var run = await MeasuredProcess.RunnerAsync(new[] { "bench", "bench-probe", call.Replace("{result}", LibraryScript.Literal(resultFile)) }, environment);
            var text = File.ReadAllText(resultFile);
            if (run.ExitCode != 0 || text.Length == 0)
                throw new BenchException($"the kernel probe `{call}` failed (exit code {run.ExitCode}):\n{Tail(run.Output)}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        finally
        {
            File.Delete(resultFile);
        }
    }

    /// <summary>The last lines of a process's output, for an error message.</summary>
    public static string Tail(string output, int lines = 15) =>
        string.Join('\n', output.Split('\n').TakeLast(lines));
}

/// <summary>A measurement that could not be made (a notebook failed, a probe crashed); the bench stops with it.</summary>
public sealed class BenchException(string message) : Exception(message);
