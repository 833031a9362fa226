using System.Collections;
using System.Globalization;
using System.Reflection;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// Formats a value into a MIME bundle the way .NET Interactive does for types that carry a name-matched
/// <c>TypeFormatterSourceAttribute</c> (the library's charts, grids and tables; TorchSharp's tensors), and as
/// plain text otherwise.
/// </summary>
public static class MimeFormatter
{
    /// <summary>MIME type → formatted text; always contains "text/plain".</summary>
    public static SortedDictionary<string, string> Format(object value)
    {
        // A chart built with Plotly.NET's own API renders like the course's charts (Plotly.NET.Interactive would
        // do the same in a kernel; the runner does not need it).
        if (value is Plotly.NET.GenericChart chart) value = GanNotebooks.Plots.PlotlyNet.Show(chart);
        var bundle = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mime, formatter) in ConventionFormatters(value.GetType()))
        {
            if (bundle.ContainsKey(mime)) continue;
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            var ok = formatter.GetType().GetMethod("Format")?.Invoke(formatter, new[] { value, writer }) as bool?;
            if (ok == true) bundle[mime] = writer.ToString();
        }
        if (!bundle.ContainsKey("text/plain")) bundle["text/plain"] = PlainText(value);
        return bundle;
    }

    private static IEnumerable<(string Mime, object Formatter)> ConventionFormatters(Type type)
    {
        foreach (var attr in type.GetCustomAttributes(true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
        {
            if (attr.GetType().GetProperty("FormatterSourceType")?.GetValue(attr) is not Type sourceType) continue;
            var source = Activator.CreateInstance(sourceType, nonPublic: true);
            if (sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance)?.Invoke(source, null) is not IEnumerable formatters)
                continue;
            foreach (var f in formatters)
                if (f?.GetType().GetProperty("MimeType")?.GetValue(f) is string mime)
                    yield return (mime, f);
        }
    }

    private static string PlainText(object value) => value switch
    {
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary d => "{ " + string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}: {d[k]}")) + " }",
        IEnumerable e when value.GetType().IsArray || value.GetType().IsGenericType =>
            "[ " + string.Join(", ", e.Cast<object?>().Take(50).Select(x => x is IFormattable xf ? xf.ToString(null, CultureInfo.InvariantCulture) : x?.ToString())) +
            (e.Cast<object?>().Skip(50).Any() ? ", ..." : "") + " ]",
        _ => value.ToString() ?? "",
    };
}
