using GanNotebooks.Display;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// The members a notebook cell can call without a prefix, as in .NET Interactive's C# kernel. Only
/// <c>display</c> is provided: it is what the course's notebooks use.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Shows a value as a separate output of the current cell (the kernel's <c>display(...)</c>).</summary>
    /// <param name="value">What to show.</param>
    /// <param name="mimeTypes">Ignored by the runner: every MIME type the value's formatters offer is written.</param>
    public void display(object value, params string[] mimeTypes)
    {
        NotebookOutput.Show(value);
    }
}
