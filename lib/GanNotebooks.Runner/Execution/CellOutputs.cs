using System.Text;
using System.Text.Json.Nodes;
using GanNotebooks.Runner.Notebooks;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// Collects one cell's outputs in the order they happen: console text (stream), displayed values
/// (display_data), the return value (execute_result) and an error. Console text written between two displays
/// stays between them.
/// </summary>
public sealed class CellOutputs
{
    private readonly List<JsonObject> _outputs = new();
    private readonly StringBuilder _stream = new();
    private readonly object _gate = new();

    /// <summary>Number of values displayed so far.</summary>
    public int DisplayCount { get; private set; }

    /// <summary>Appends console text.</summary>
    public void Write(string text)
    {
        lock (_gate) _stream.Append(text);
    }

    /// <summary>Adds a display_data output.</summary>
    public void Display(object value)
    {
        lock (_gate)
        {
            FlushStream();
            _outputs.Add(new JsonObject { ["output_type"] = "display_data", ["data"] = Bundle(value), ["metadata"] = new JsonObject() });
            DisplayCount++;
        }
    }

    /// <summary>Adds the execute_result output.</summary>
    public void Result(object value, int executionCount)
    {
        lock (_gate)
        {
            FlushStream();
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "execute_result", ["execution_count"] = executionCount, ["data"] = Bundle(value), ["metadata"] = new JsonObject(),
            });
        }
    }

    /// <summary>Adds an error output.</summary>
    public void Error(string name, string message, IEnumerable<string> traceback)
    {
        lock (_gate)
        {
            FlushStream();
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "error", ["ename"] = name, ["evalue"] = message,
                ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            });
        }
    }

    /// <summary>All outputs, in order.</summary>
    public JsonArray ToJson()
    {
        lock (_gate)
        {
            FlushStream();
            return new JsonArray(_outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
        }
    }

    private void FlushStream()
    {
        if (_stream.Length == 0) return;
        _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = Notebook.Lines(_stream.ToString()) });
        _stream.Clear();
    }

    private static JsonObject Bundle(object value)
    {
        var data = new JsonObject();
        foreach (var (mime, text) in MimeFormatter.Format(value))
            data[mime] = Notebook.Lines(text);
        return data;
    }
}

/// <summary>A TextWriter that sends console output to the current cell and, optionally, on to the terminal.</summary>
internal sealed class CellConsole : TextWriter
{
    private readonly TextWriter? _echo;

    public CellConsole(TextWriter? echo) => _echo = echo;

    public CellOutputs? Target { get; set; }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        Target?.Write(value);
        _echo?.Write(value);
    }

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");
}
