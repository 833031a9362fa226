namespace GanNotebooks.Runner.Execution;

/// <summary>What happened when one notebook ran.</summary>
public sealed class NotebookResult
{
    public required string Path { get; init; }
    public required string Title { get; init; }
    /// <summary>Code cells executed (the injected parameters cell included).</summary>
    public int CellsRun { get; set; }
    public int CodeCells { get; set; }
    public TimeSpan Elapsed { get; set; }
    /// <summary>1-based index of the failing cell in the executed notebook, or null.</summary>
    public int? FailedCell { get; set; }
    public string? Error { get; set; }
    /// <summary>Self-checks displayed by the notebook (each <c>PASS</c> or <c>FAIL</c> line).</summary>
    public int SelfChecksPassed { get; set; }
    public int SelfChecksFailed { get; set; }
    /// <summary>All console text and plain-text outputs, for tests and logs.</summary>
    public string PlainTextOutput { get; set; } = "";
    public string? ExecutedNotebookPath { get; set; }
    public string? HtmlPath { get; set; }
    public bool Succeeded => Error is null;
}
