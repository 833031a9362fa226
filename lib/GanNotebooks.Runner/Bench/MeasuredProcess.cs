using System.Diagnostics;
using System.Text;

namespace GanNotebooks.Runner.Bench;

/// <summary>What one measured process did: exit code, wall time, the peak resident memory of it and its children,
/// and what it printed (when captured).</summary>
public sealed record ProcessRun(int ExitCode, TimeSpan Wall, long PeakResidentBytes, string Output)
{
    /// <summary>Wall time in seconds.</summary>
    public double Seconds => Wall.TotalSeconds;
}

/// <summary>
/// Starts the processes the bench measures. Peak memory is the largest sum of resident memory of the process and all
/// its descendants, sampled every 200 ms (a course run keeps each notebook in a child process; one scan of /proc costs
/// about a millisecond), and at least the kernel's own high-water mark of the top process.
/// </summary>
public static class MeasuredProcess
{
    /// <summary>The entry point for child runs of <c>gan-notebooks</c> (<see cref="Execution.RunnerEntry"/>).</summary>
    public static string Self => Execution.RunnerEntry.Path;

    /// <summary>Runs <c>dotnet gan-notebooks.dll</c> with <paramref name="args"/>.</summary>
    public static Task<ProcessRun> RunnerAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, bool capture = true) =>
        RunAsync("dotnet", new[] { Self }.Concat(args), environment, capture);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> and extra environment variables.</summary>
    public static async Task<ProcessRun> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, bool capture = true)
    {
        var psi = new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardOutput = capture, RedirectStandardError = capture };
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        if (capture)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, Math.Max(ProcessTree.ResidentBytes(process.Id), ProcessTree.HighWaterMark(process.Id)));
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(200));
        }
        await process.WaitForExitAsync();   // also drains the redirected output
        var wall = clock.Elapsed;
        lock (output) return new ProcessRun(process.ExitCode, wall, peak, output.ToString());
    }
}

/// <summary>Resident memory of a process tree, read from /proc (Linux; zero elsewhere).</summary>
public static class ProcessTree
{
    private static readonly long PageSize = Environment.SystemPageSize;

    /// <summary>The sum of the resident memory of <paramref name="pid"/> and all its descendants, now.</summary>
    public static long ResidentBytes(int pid)
    {
        if (!Directory.Exists("/proc")) return 0;
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var p)) continue;
            if (ParentOf(p) is { } parent)
            {
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = new List<int>();
                list.Add(p);
            }
        }
        long total = 0;
        var pending = new Stack<int>(new[] { pid });
        while (pending.Count > 0)
        {
            var p = pending.Pop();
            total += Resident(p);
            if (children.TryGetValue(p, out var list)) foreach (var c in list) pending.Push(c);
        }
        return total;
    }

    /// <summary>The kernel's record of the largest resident set of <paramref name="pid"/> so far (VmHWM), or 0.</summary>
    public static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return 0;
    }

    private static long Resident(int pid)
    {
        try
        {
            // statm: size resident shared ... in pages.
            var fields = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return long.Parse(fields[1]) * PageSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return 0; }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // stat: pid (comm) state ppid ...; comm may contain spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException) { return null; }
    }
}
