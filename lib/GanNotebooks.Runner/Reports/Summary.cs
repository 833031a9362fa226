using System.Globalization;
using System.Text;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Runner.Reports;

/// <summary>The table printed at the end of a run.</summary>
public static class Summary
{
    /// <summary>notebook, cells run, time, self-checks passed, status; then every error and problem in full.</summary>
    public static string Table(IReadOnlyList<NotebookResult> results)
    {
        var rows = results.Select(r => new[]
        {
            Path.GetFileName(r.Path), $"{r.CellsRun}/{r.CodeCells}", r.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s",
            $"{r.SelfChecksPassed}/{r.SelfChecksPassed + r.SelfChecksFailed}", r.Status,
        }).ToList();
        var header = new[] { "notebook", "cells", "time", "self-checks", "status" };
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in rows) sb.AppendLine(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))));
        foreach (var r in results.Where(r => r.Error is not null)) sb.AppendLine("error: " + r.Error);
        foreach (var problem in results.SelectMany(r => r.Problems)) sb.AppendLine("problem: " + problem);
        return sb.ToString();
    }
}
