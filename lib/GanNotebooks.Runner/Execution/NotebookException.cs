namespace GanNotebooks.Runner.Execution;

/// <summary>An error in a notebook that the runner reports with the notebook and cell it comes from.</summary>
public sealed class NotebookException : Exception
{
    public NotebookException(string message) : base(message) { }
}
