using System.Globalization;
using System.Text;

namespace GanNotebooks.Display;

/// <summary>
/// A table of results (a sweep, a comparison) that shows as an HTML table in a notebook and as aligned
/// columns in text. Numbers are formatted with <see cref="NumberFormat"/>.
/// </summary>
public sealed class ResultTable : Displayable
{
    private readonly List<object?[]> _rows = new();

    /// <summary>Creates an empty table with the given column headers.</summary>
    public ResultTable(string title, params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        Title = title;
        Columns = columns;
    }

    /// <summary>The table's caption.</summary>
    public string Title { get; }

    /// <summary>The column headers.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The rows added so far.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Format used for floating-point cells (default "G4").</summary>
    public string NumberFormat { get; set; } = "G4";

    /// <summary>Adds a row; it must have one value per column.</summary>
    public ResultTable AddRow(params object?[] values)
    {
        if (values.Length != Columns.Count)
            throw new ArgumentException($"Row has {values.Length} values but the table has {Columns.Count} columns ({string.Join(", ", Columns)}).", nameof(values));
        _rows.Add(values);
        return this;
    }

    /// <summary>The value in row <paramref name="row"/> of column <paramref name="column"/> (by header).</summary>
    public object? this[int row, string column] => _rows[row][IndexOf(column)];

    private int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i] == column) return i;
        throw new ArgumentException($"No column '{column}'. Columns: {string.Join(", ", Columns)}.", nameof(column));
    }

    private string Cell(object? v) => v switch
    {
        null => "",
        double d => d.ToString(NumberFormat, CultureInfo.InvariantCulture),
        float f => f.ToString(NumberFormat, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? ""
    };

    /// <inheritdoc />
    public override string ToPlainText()
    {
        var cells = _rows.Select(r => r.Select(Cell).ToArray()).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(Title);
        sb.AppendLine(string.Join("  ", Columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var r in cells)
            sb.AppendLine(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        return sb.ToString().TrimEnd();
    }

    /// <inheritdoc />
    public override string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<table class=\"gan-table\" style=\"border-collapse:collapse\"><caption style=\"text-align:left;font-weight:bold\">")
          .Append(Html.Escape(Title)).Append("</caption><tr>");
        foreach (var c in Columns)
            sb.Append("<th style=\"text-align:left;padding:2px 10px;border-bottom:1px solid #999\">").Append(Html.Escape(c)).Append("</th>");
        sb.Append("</tr>");
        foreach (var r in _rows)
        {
            sb.Append("<tr>");
            foreach (var v in r)
                sb.Append("<td style=\"padding:2px 10px\">").Append(Html.Escape(Cell(v))).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</table>");
        return sb.ToString();
    }
}
