using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Notebook = Microsoft.DotNet.Interactive.Documents.Jupyter.Notebook;

namespace GanNotebooks.Runner.Notebooks;

/// <summary>
/// Reads and writes .ipynb files with .NET Interactive's own notebook model (Microsoft.DotNet.Interactive.Documents),
/// which keeps cell ids, metadata and tags, and writes the layout VS Code writes (one-space indent).
/// </summary>
public static class NotebookFile
{
    /// <summary>The kernel name of Markdown cells in the document model.</summary>
    public const string Markdown = "markdown";

    /// <summary>Reads an .ipynb file, with a clear error when it is not a Jupyter notebook.</summary>
    public static InteractiveDocument Load(string path)
    {
        var json = File.ReadAllText(path);
        try
        {
            using var parsed = System.Text.Json.JsonDocument.Parse(json);
            if (!parsed.RootElement.TryGetProperty("cells", out _))
                throw new InvalidDataException($"{path} is not a Jupyter notebook (no \"cells\" array).");
            if (!parsed.RootElement.TryGetProperty("nbformat", out var format) || format.GetInt32() != 4)
                throw new InvalidDataException($"{path}: nbformat must be 4.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}");
        }
        return Notebook.Parse(json);
    }

    /// <summary>The document as .ipynb JSON, with a final newline as VS Code writes it.</summary>
    public static string ToJson(InteractiveDocument document) => document.ToJupyterJson() + "\n";

    /// <summary>Writes the document to <paramref name="path"/> (UTF-8 without BOM).</summary>
    public static void Save(InteractiveDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson(document), new UTF8Encoding(false));
    }

    /// <summary>True for a code cell (anything that is not Markdown).</summary>
    public static bool IsCode(InteractiveDocumentElement cell) => cell.KernelName != Markdown;

    /// <summary>The cell's tags (metadata.tags): papermill marks the parameters cell this way.</summary>
    public static IReadOnlyList<string> Tags(InteractiveDocumentElement cell) =>
        cell.Metadata?.TryGetValue("tags", out var tags) == true && tags is IEnumerable<object> list
            ? list.OfType<string>().ToList()
            : Array.Empty<string>();

    /// <summary>The first Markdown heading, used as the notebook's title.</summary>
    public static string Title(InteractiveDocument document, string path)
    {
        foreach (var cell in document.Elements.Where(c => !IsCode(c)))
            foreach (var line in cell.Contents.Split('\n'))
                if (line.StartsWith("# ", StringComparison.Ordinal)) return line[2..].Trim();
        return Path.GetFileNameWithoutExtension(path);
    }

    /// <summary>The MIME bundle of a displayed or returned value; null for console text and errors.</summary>
    public static IDictionary<string, object>? Data(InteractiveDocumentOutputElement output) => output switch
    {
        DisplayElement d => d.Data,
        ReturnValueElement r => r.Data,
        _ => null,
    };

    /// <summary>A MIME bundle entry as text: a string, or a list of lines when read back from a file.</summary>
    public static string Text(object value) => value is string s ? s : value is IEnumerable<object> lines ? string.Concat(lines) : value.ToString() ?? "";

    /// <summary>A new code cell for the C# kernel, with the cell metadata Polyglot Notebooks writes.</summary>
    public static InteractiveDocumentElement NewCodeCell(string id, string code, params string[] tags)
    {
        var cell = new InteractiveDocumentElement(code, "csharp") { Id = id, Metadata = new Dictionary<string, object>() };
        if (tags.Length > 0) cell.Metadata["tags"] = tags.Cast<object>().ToList();
        return cell;
    }
}
