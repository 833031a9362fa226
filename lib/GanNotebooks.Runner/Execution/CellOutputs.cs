using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Documents;
using KernelDiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// Turns the kernel's events for one cell into the outputs saved in the notebook, the way dotnet-interactive's
/// Jupyter front end turns them into Jupyter messages (ExecuteRequestHandler): displayed values, the return value,
/// console output, compiler diagnostics on stderr, and the error. Consecutive console writes become one stream
/// output, as notebook front ends show them.
/// </summary>
public sealed class CellOutputs
{
    private readonly List<InteractiveDocumentOutputElement> _outputs = new();
    private readonly Dictionary<string, DisplayElement> _displays;
    private readonly int _executionCount;
    private string? _streamName;
    private readonly StringBuilder _stream = new();

    /// <param name="displays">Displayed values by id, shared by the whole notebook: an update replaces the value
    /// wherever it was shown, as in Jupyter.</param>
    /// <param name="executionCount">The cell's execution count, for its return value.</param>
    public CellOutputs(Dictionary<string, DisplayElement> displays, int executionCount)
    {
        _displays = displays;
        _executionCount = executionCount;
    }

    /// <summary>The compiler warnings of the cell, as the kernel formats them.</summary>
    public List<string> Warnings { get; } = new();

    /// <summary>Everything the cell wrote to stderr (compiler diagnostics included).</summary>
    public StringBuilder StandardError { get; } = new();

    /// <summary>The failure, if the cell failed: the exception (null for a compilation error) and the message.</summary>
    public (Exception? Exception, string Message)? Failure { get; private set; }

    /// <summary>Records one event.</summary>
    public void Add(KernelEvent e)
    {
        switch (e)
        {
            case StandardOutputValueProduced output:
                Write("stdout", PlainText(output));
                break;
            case StandardErrorValueProduced or ErrorProduced:
                var text = PlainText((DisplayEvent)e);
                Write("stderr", text);
                StandardError.Append(text);
                break;
            case DisplayedValueUpdated updated:
                // As Jupyter treats update_display_data: it replaces the value shown under that id, wherever it is,
                // and does nothing when no value was shown under it.
                if (updated.ValueId is { } id && _displays.TryGetValue(id, out var shown))
                {
                    shown.Data.Clear();
                    foreach (var (mime, value) in Bundle(updated)) shown.Data[mime] = value;
                }
                break;
            case DisplayedValueProduced display:
                var element = new DisplayElement(Bundle(display));
                if (display.ValueId is { } valueId) _displays[valueId] = element;
                Add(element);
                break;
            case ReturnValueProduced returned when returned.Value is not DisplayedValue:
                var result = new ReturnValueElement { ExecutionOrder = _executionCount };
                foreach (var (mime, value) in Bundle(returned)) result.Data[mime] = value;
                Add(result);
                break;
            case DiagnosticsProduced diagnostics when diagnostics.FormattedDiagnostics.Count > 0:
                // Exactly what the Jupyter front end prints for them: spaced out, on stderr.
                var formatted = "\n" + string.Join("\n\n", diagnostics.FormattedDiagnostics.Select(d => d.Value)) + "\n\n";
                Write("stderr", formatted);
                StandardError.Append(formatted);
                Warnings.AddRange(diagnostics.Diagnostics.Zip(diagnostics.FormattedDiagnostics)
                    .Where(d => d.First.Severity == KernelDiagnosticSeverity.Warning).Select(d => d.Second.Value));
                break;
            case CommandFailed failed when Failure is null:
                Failure = (failed.Exception is CodeSubmissionCompilationErrorException ? null : failed.Exception, failed.Message);
                Add(ErrorOutput(failed));
                break;
        }
    }

    /// <summary>Records a failure found by the runner itself (the course's policy), as an error output.</summary>
    public void Fail(string name, string message)
    {
        Failure ??= (null, message);
        Add(new ErrorElement(message, name, new[] { message }));
    }

    /// <summary>The outputs, in the order they happened.</summary>
    public IReadOnlyList<InteractiveDocumentOutputElement> ToElements()
    {
        Flush();
        return _outputs;
    }

    private void Add(InteractiveDocumentOutputElement element)
    {
        Flush();
        _outputs.Add(element);
    }

    private void Write(string name, string text)
    {
        if (text.Length == 0) return;
        if (_streamName != name) Flush();
        _streamName = name;
        _stream.Append(text);
    }

    private void Flush()
    {
        if (_streamName is null) return;
        _outputs.Add(new TextElement(_stream.ToString(), _streamName));
        _stream.Clear();
        _streamName = null;
    }

    private static ErrorElement ErrorOutput(CommandFailed failed) => failed.Exception switch
    {
        // The diagnostics are already on stderr; the Jupyter front end says just this.
        CodeSubmissionCompilationErrorException => new ErrorElement("compilation error", "Error", Array.Empty<string>()),
        null => new ErrorElement(failed.Message, "Error", Array.Empty<string>()),
        var exception => new ErrorElement(exception.Message, exception.GetType().Name, Traceback(exception).ToArray()),
    };

    /// <summary>The exception and the stack frames that belong to the notebook (the kernel's own plumbing left out).</summary>
    public static IEnumerable<string> Traceback(Exception exception)
    {
        yield return $"{exception.GetType().FullName}: {exception.Message}";
        foreach (var raw in (exception.StackTrace ?? "").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.Contains("Microsoft.CodeAnalysis.Scripting") || line.Contains("Microsoft.DotNet.Interactive")
                || line.StartsWith("--- End of stack trace", StringComparison.Ordinal)) continue;
            yield return line;
        }
    }

    private static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? e.Value?.ToString() ?? "";

    private static IDictionary<string, object> Bundle(DisplayEvent e) =>
        e.FormattedValues.OrderBy(v => v.MimeType, StringComparer.Ordinal)
                         .GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.First().Value);
}
