using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Events;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// The terminal the runner was started from. The kernel captures <see cref="Console.Out"/> while a cell runs
/// (that is how a cell's output reaches the notebook), so live echo must write to the process's own streams.
/// </summary>
public static class Terminal
{
    private static readonly TextWriter Out = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
    private static readonly TextWriter Error = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };

    /// <summary>Writes a line to the terminal's standard output, whatever the kernel does with Console.</summary>
    public static void WriteLine(string text) => Out.WriteLine(text);

    /// <summary>Writes a line to the terminal's standard error.</summary>
    public static void WriteError(string text) => Error.WriteLine(text);

    /// <summary>Shows what a running cell prints and displays (its plain-text form), as it happens.</summary>
    public static void Echo(KernelEvent e)
    {
        switch (e)
        {
            case StandardOutputValueProduced o:
                Out.Write(PlainText(o));
                break;
            case StandardErrorValueProduced or ErrorProduced:
                Error.Write(PlainText((DisplayEvent)e));
                break;
            case DiagnosticsProduced d when d.FormattedDiagnostics.Count > 0:
                foreach (var f in d.FormattedDiagnostics) Error.WriteLine(f.Value);
                break;
            case DisplayEvent { Value: not DisplayedValue } d when PlainText(d) is { Length: > 0 } text
                                                                  && d.FormattedValues.Any(v => v.MimeType == "text/plain"):
                var lines = text.Split('\n');
                Out.WriteLine(string.Join('\n', lines.Take(20)) + (lines.Length > 20 ? "\n…" : ""));
                break;
        }
    }

    private static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.Value?.ToString() ?? "";
}
