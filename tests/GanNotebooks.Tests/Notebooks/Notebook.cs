using System.Text.Json.Nodes;

namespace GanNotebooks.Tests.Notebooks;

/// <summary>Reading an .ipynb file's JSON directly, as the structure tests need it (independently of the runner).</summary>
internal static class Notebook
{
    /// <summary>"code", "markdown" or "raw".</summary>
    public static string CellType(JsonNode cell) => (string?)cell["cell_type"] ?? "";

    /// <summary>The source text of a cell.</summary>
    public static string Source(JsonNode cell) => Text(cell["source"]);

    /// <summary>A multi-line string field: nbformat allows a string or a list of lines.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    /// <summary>The cell's tags (metadata.tags).</summary>
    public static IEnumerable<string> Tags(JsonNode cell) =>
        (cell["metadata"]?["tags"] as JsonArray)?.Select(t => (string?)t ?? "") ?? Enumerable.Empty<string>();
}
