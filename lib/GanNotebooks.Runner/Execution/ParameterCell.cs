using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// The cell tagged <c>parameters</c> (papermill's convention): one declaration per line,
/// <c>var name = expression;</c>. Overrides from <c>--preset</c> and <c>--param</c> become a new cell placed
/// right after it, which repeats the declarations with the overridden ones replaced by literals, so that values
/// computed from <c>preset</c> are recomputed.
/// </summary>
public sealed partial class ParameterCell
{
    private readonly List<(string Line, string? Name)> _lines = new();

    /// <summary>Parses the source of a parameters cell.</summary>
    public ParameterCell(string source)
    {
        foreach (var raw in source.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var m = Declaration().Match(line);
            _lines.Add((line, m.Success ? m.Groups["name"].Value : null));
        }
    }

    /// <summary>The parameter names, in order of declaration.</summary>
    public IReadOnlyList<string> Names => _lines.Where(l => l.Name is not null).Select(l => l.Name!).ToList();

    /// <summary>
    /// Builds the injected cell. <paramref name="types"/> gives each parameter's type as the parameters cell
    /// produced it; values are parsed to that type.
    /// </summary>
    public string Inject(IReadOnlyDictionary<string, string> overrides, IReadOnlyDictionary<string, Type> types, string origin)
    {
        foreach (var name in overrides.Keys)
            if (!types.ContainsKey(name))
                throw new NotebookException($"Unknown parameter '{name}'. Parameters: {Describe(types)}.");

        var sb = new StringBuilder();
        sb.Append("// Injected by gan-notebooks: ").Append(origin).Append('\n');
        foreach (var (line, name) in _lines)
        {
            if (name is null) continue;
            if (overrides.TryGetValue(name, out var value))
                sb.Append("var ").Append(name).Append(" = ").Append(Literal(name, value, types[name])).Append(";\n");
            else
                sb.Append(line.Trim()).Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>"name (type), ..." for messages.</summary>
    public static string Describe(IReadOnlyDictionary<string, Type> types) =>
        string.Join(", ", types.Select(t => $"{t.Key} ({CSharpName(t.Value)})"));

    /// <summary>Formats <paramref name="value"/> as a C# literal of <paramref name="type"/>.</summary>
    public static string Literal(string name, string value, Type type)
    {
        var inv = CultureInfo.InvariantCulture;
        string Bad() => throw new NotebookException($"Parameter '{name}' is {CSharpName(type)}; \"{value}\" is not a valid {CSharpName(type)}.");
        if (type == typeof(string)) return SymbolDisplay.FormatLiteral(value, quote: true);
        if (type == typeof(int)) return int.TryParse(value, NumberStyles.Integer, inv, out var i) ? i.ToString(inv) : Bad();
        if (type == typeof(long)) return long.TryParse(value, NumberStyles.Integer, inv, out var l) ? l.ToString(inv) + "L" : Bad();
        if (type == typeof(double))
            return double.TryParse(value, NumberStyles.Float, inv, out var d) && double.IsFinite(d) ? d.ToString("R", inv) + "d" : Bad();
        if (type == typeof(float))
            return float.TryParse(value, NumberStyles.Float, inv, out var f) && float.IsFinite(f) ? f.ToString("R", inv) + "f" : Bad();
        if (type == typeof(bool)) return bool.TryParse(value, out var b) ? (b ? "true" : "false") : Bad();
        throw new NotebookException($"Parameter '{name}' has type {CSharpName(type)}, which cannot be set from the command line (int, long, double, float, bool and string can).");
    }

    private static string CSharpName(Type t) =>
        t == typeof(int) ? "int" : t == typeof(long) ? "long" : t == typeof(double) ? "double" : t == typeof(float) ? "float"
        : t == typeof(bool) ? "bool" : t == typeof(string) ? "string" : t.Name;

    [GeneratedRegex(@"^\s*(?:var|int|long|double|float|bool|string)\s+(?<name>[A-Za-z_]\w*)\s*=\s*[^;]+;\s*(?://.*)?$")]
    private static partial Regex Declaration();
}
