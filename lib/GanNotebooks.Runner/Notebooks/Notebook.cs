using System.Text.Json.Nodes;

namespace GanNotebooks.Runner.Notebooks;

/// <summary>
/// An .ipynb file held as JSON, so that everything the runner does not touch (metadata written by VS Code
/// and Polyglot Notebooks, attachments) survives a round trip unchanged.
/// </summary>
public sealed class Notebook
{
    private Notebook(string path, JsonObject root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>Where the notebook was read from.</summary>
    public string Path { get; }

    /// <summary>The whole document.</summary>
    public JsonObject Root { get; }

    /// <summary>The cells array.</summary>
    public JsonArray Cells => (JsonArray)Root["cells"]!;

    /// <summary>The file name without folder, e.g. "00-setup.ipynb".</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>Reads and minimally validates an .ipynb file.</summary>
    public static Notebook Load(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}");
        }
        if (node is not JsonObject root || root["cells"] is not JsonArray)
            throw new InvalidDataException($"{path} is not a Jupyter notebook (no \"cells\" array).");
        if ((int?)root["nbformat"] != 4)
            throw new InvalidDataException($"{path}: nbformat must be 4, found {root["nbformat"]?.ToJsonString() ?? "none"}.");
        return new Notebook(path, root);
    }

    /// <summary>A deep copy, to execute without changing the original.</summary>
    public Notebook Clone(string? path = null) => new(path ?? Path, (JsonObject)Root.DeepClone());

    /// <summary>The source text of a cell.</summary>
    public static string Source(JsonNode cell) => Text(cell["source"]);

    /// <summary>A multi-line string field (source, stream text, a MIME bundle entry): nbformat allows a string or a
    /// list of lines.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue v => (string?)v ?? "",
        _ => "",
    };

    /// <summary>"code" or "markdown" (or "raw").</summary>
    public static string CellType(JsonNode cell) => (string?)cell["cell_type"] ?? "";

    /// <summary>The cell's tags (metadata.tags), papermill's way of marking the parameters cell.</summary>
    public static IEnumerable<string> Tags(JsonNode cell) =>
        (cell["metadata"]?["tags"] as JsonArray)?.Select(t => (string?)t ?? "") ?? Enumerable.Empty<string>();

    /// <summary>Splits text into nbformat's list of lines, each ending in "\n" but the last.</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        if (text.Length == 0) return array;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }

    /// <summary>The first Markdown heading, used as the notebook's title.</summary>
    public string Title()
    {
        foreach (var cell in Cells)
        {
            if (cell is null || CellType(cell) != "markdown") continue;
            foreach (var line in Source(cell).Split('\n'))
                if (line.StartsWith("# ")) return line[2..].Trim();
        }
        return System.IO.Path.GetFileNameWithoutExtension(Path);
    }
}
