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
    /// <summary>1-based index (among all cells) of the cell that failed, or null.</summary>
    public int? FailedCell { get; set; }
    /// <summary>Why the run stopped: "notebook, cell N[, line L]: what happened", or null.</summary>
    public string? Error { get; set; }
    /// <summary>What a learner would see as a problem although every cell ran: compiler warnings, stderr output.</summary>
    public List<string> Problems { get; set; } = new();
    /// <summary>Self-checks displayed by the notebook (each <c>PASS</c> or <c>FAIL</c> line).</summary>
    public int SelfChecksPassed { get; set; }
    public int SelfChecksFailed { get; set; }
    /// <summary>All console text and plain-text outputs, for tests and logs.</summary>
    public string PlainTextOutput { get; set; } = "";
    /// <summary>The largest resident memory of the process that ran the notebook, in bytes (0 if unknown).</summary>
    public long PeakWorkingSet { get; set; }
    /// <summary>Each code cell's wall time (cell number as in <see cref="FailedCell"/>, seconds), for profiles.</summary>
    public List<(int Cell, double Seconds)> CellSeconds { get; set; } = new();
    public string? ExecutedNotebookPath { get; set; }
    public string? HtmlPath { get; set; }
    public bool Succeeded => Error is null && Problems.Count == 0;

    /// <summary>One line for logs and the summary: "ok", "FAILED at cell N" or the first problem.</summary>
    public string Status => Error is not null ? $"FAILED (cell {FailedCell?.ToString() ?? "-"})"
        : Problems.Count > 0 ? $"FAILED ({Problems.Count} warning/stderr output{(Problems.Count == 1 ? "" : "s")})" : "ok";
}
