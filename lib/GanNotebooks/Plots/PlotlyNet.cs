using GanNotebooks.Display;

namespace GanNotebooks.Plots;

/// <summary>
/// Bridges to Plotly.NET 6.0.0: shows a chart built with Plotly.NET's own API the same way as a
/// <see cref="Figure"/>, and gives the plotly.js bundle that Plotly.NET ships, for pages that must render
/// offline.
/// </summary>
/// <remarks>
/// Kept apart from <see cref="Figure"/> so that Plotly.NET's assembly is loaded only when one of these
/// members runs. In the .NET Interactive kernel Plotly.NET 6.0.0 cannot load FSharp.Core 10.1.0.0 (the kernel
/// runs on its own FSharp.Core 10.0.0.0) unless a cell first answers FSharp.Core requests with the kernel's copy;
/// notebooks/README.md ("Plotly.NET in the kernel") has the measurements and that cell.
/// </remarks>
public static class PlotlyNet
{
    /// <summary>Wraps a Plotly.NET chart so it displays like every other chart of the course.</summary>
    public static Displayable Show(Plotly.NET.GenericChart chart) =>
        new PlotlyJsonChart(Plotly.NET.GenericChart.toFigureJson(chart));

    /// <summary>The minified plotly.js that Plotly.NET embeds (version <see cref="Figure.PlotlyJsVersion"/>).</summary>
    public static string PlotlyJsBundle()
    {
        var asm = typeof(Plotly.NET.GenericChart).Assembly;
        var name = $"Plotly.NET.plotly-{Figure.PlotlyJsVersion}.min.js";
        using var stream = asm.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Plotly.NET does not embed {name}; the pinned Plotly.NET and Figure.PlotlyJsVersion disagree.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class PlotlyJsonChart : Displayable
    {
        private readonly string _json;

        public PlotlyJsonChart(string json) => _json = json;

        public override string ToHtml() => Figure.HtmlFor(_json);

        public override string ToPlainText() => $"Plotly.NET chart ({_json.Length} characters of JSON)";
    }
}
