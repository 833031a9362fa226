using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanNotebooks.Display;
using GanNotebooks.Runtime;
using Tensor = TorchSharp.torch.Tensor;

namespace GanNotebooks.Plots;

/// <summary>
/// A plotly.js chart: traces (lines, points, histograms, heatmaps, arrows), a layout, and optionally
/// animation frames with a slider and a play button. It renders as the same HTML that Plotly.NET
/// produces (a div and a script calling <c>Plotly.newPlot</c>), with plotly.js taken from the page when
/// present (the runner's offline pages) and from the plotly CDN otherwise.
/// </summary>
/// <example>
/// <code>
/// new Figure("D(x) against D*(x)", "x", "probability")
///     .Line(xs, dStar, "D*(x)")
///     .Line(xs, dLearned, "D(x), learned", dash: true)
/// </code>
/// </example>
public sealed class Figure : Displayable
{
    /// <summary>The plotly.js version the charts are written for: the headless runner writes this bundle (vendored in
    /// lib/GanNotebooks.Runner/Assets/plotly) beside its pages, and the CDN fallback loads the same.</summary>
    public const string PlotlyJsVersion = "2.28.0";

    private readonly List<JsonObject> _traces = new();
    private readonly List<(string Label, List<JsonObject> Traces)> _frames = new();
    private readonly JsonObject _layout;

    /// <summary>Creates an empty figure with a title and axis titles.</summary>
    public Figure(string title, string xTitle = "", string yTitle = "", int height = 420)
    {
        Title = title;
        _layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle } },
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle } },
            ["height"] = height,
            ["margin"] = new JsonObject { ["t"] = 50, ["r"] = 20 },
            ["legend"] = new JsonObject { ["orientation"] = "h", ["y"] = -0.2 },
        };
    }

    /// <summary>The chart title.</summary>
    public string Title { get; }

    /// <summary>Adds a line through the points (x[i], y[i]).</summary>
    public Figure Line(IEnumerable<double> x, IEnumerable<double> y, string name, bool dash = false, string? color = null,
                       bool markers = false, string? yAxis = null) =>
        AddTrace(Xy("scatter", x, y, name, yAxis)
                 .With("mode", markers ? "lines+markers" : "lines")
                 .With("line", Style(color, dash ? "dash" : null)));

    /// <summary>Adds points without lines.</summary>
    public Figure Scatter(IEnumerable<double> x, IEnumerable<double> y, string name, string? color = null, double size = 5,
                          double opacity = 0.8, string? yAxis = null) =>
        AddTrace(Xy("scatter", x, y, name, yAxis).With("mode", "markers")
                 .With("marker", new JsonObject { ["size"] = size, ["opacity"] = opacity, ["color"] = color }));

    /// <summary>Adds a line through the points (x[i], y[i]) of two tensors (any shape, read in order; any device).</summary>
    /// <remarks>Generic only so that arrays, which TorchSharp would also convert to tensors, take the overload above.</remarks>
    public Figure Line<TTensor>(TTensor x, TTensor y, string name, bool dash = false, string? color = null, bool markers = false, string? yAxis = null)
        where TTensor : Tensor =>
        Line(x.ToDoubles(), y.ToDoubles(), name, dash, color, markers, yAxis);

    /// <summary>Adds points (x[i], y[i]) of two tensors (any shape, read in order; any device).</summary>
    /// <remarks>Generic only so that arrays, which TorchSharp would also convert to tensors, take the overload above.</remarks>
    public Figure Scatter<TTensor>(TTensor x, TTensor y, string name, string? color = null, double size = 5, double opacity = 0.8, string? yAxis = null)
        where TTensor : Tensor =>
        Scatter(x.ToDoubles(), y.ToDoubles(), name, color, size, opacity, yAxis);

    /// <summary>Adds the rows of a tensor of 2-D points [N, 2] as points: column 0 is x, column 1 is y.</summary>
    public Figure Scatter(Tensor points, string name, string? color = null, double size = 5, double opacity = 0.8)
    {
        if (points.dim() != 2 || points.shape[1] != 2)
            throw new ArgumentException($"points must have shape [N, 2]; got [{string.Join(", ", points.shape)}].", nameof(points));
        using var x = points[.., 0];
        using var y = points[.., 1];
        return Scatter(x.ToDoubles(), y.ToDoubles(), name, color, size, opacity);
    }

    /// <summary>Adds points with vertical error bars (for a mean ± spread over seeds).</summary>
    public Figure ErrorBars(IEnumerable<double> x, IEnumerable<double> y, IEnumerable<double> error, string name, string? color = null) =>
        AddTrace(Xy("scatter", x, y, name, null).With("mode", "markers")
                 .With("marker", new JsonObject { ["size"] = 7, ["color"] = color })
                 .With("error_y", new JsonObject { ["type"] = "data", ["array"] = Array(error), ["visible"] = true }));

    /// <summary>Adds a histogram of <paramref name="values"/>; normalised to a density by default so it can sit
    /// next to a probability density curve.</summary>
    public Figure Histogram(IEnumerable<double> values, string name, bool density = true, int bins = 60, string? color = null,
                            double opacity = 0.45) =>
        AddTrace(new JsonObject
        {
            ["type"] = "histogram", ["name"] = name, ["x"] = Array(values), ["nbinsx"] = bins, ["opacity"] = opacity,
            ["histnorm"] = density ? "probability density" : "", ["marker"] = new JsonObject { ["color"] = color },
        });

    /// <summary>Adds a histogram of every element of <paramref name="values"/> (any shape; any device).</summary>
    /// <remarks>Generic only so that arrays, which TorchSharp would also convert to tensors, take the overload above.</remarks>
    public Figure Histogram<TTensor>(TTensor values, string name, bool density = true, int bins = 60, string? color = null, double opacity = 0.45)
        where TTensor : Tensor =>
        Histogram(values.ToDoubles(), name, density, bins, color, opacity);

    /// <summary>Adds bars with the given labels and heights.</summary>
    public Figure Bar(IEnumerable<string> labels, IEnumerable<double> heights, string name, string? color = null) =>
        AddTrace(new JsonObject
        {
            ["type"] = "bar", ["name"] = name, ["x"] = new JsonArray(labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
            ["y"] = Array(heights), ["marker"] = new JsonObject { ["color"] = color },
        });

    /// <summary>Adds a heatmap: <paramref name="z"/>[i, j] is the value at (x[j], y[i]).</summary>
    public Figure Heatmap(IReadOnlyList<double> x, IReadOnlyList<double> y, double[,] z, string name, string colorScale = "RdBu",
                          double? zMin = null, double? zMax = null, bool showScale = true, double opacity = 1.0)
    {
        if (z.GetLength(0) != y.Count || z.GetLength(1) != x.Count)
            throw new ArgumentException($"z must be [{y.Count}, {x.Count}] (y by x); got [{z.GetLength(0)}, {z.GetLength(1)}].", nameof(z));
        var rows = new JsonArray();
        for (var i = 0; i < z.GetLength(0); i++)
        {
            var row = new double[z.GetLength(1)];
            for (var j = 0; j < row.Length; j++) row[j] = z[i, j];
            rows.Add(Array(row));
        }
        return AddTrace(new JsonObject
        {
            ["type"] = "heatmap", ["name"] = name, ["x"] = Array(x), ["y"] = Array(y), ["z"] = rows, ["colorscale"] = colorScale,
            ["zmin"] = zMin, ["zmax"] = zMax, ["showscale"] = showScale, ["opacity"] = opacity,
        });
    }

    /// <summary>Adds arrows from (x, y) to (x + dx, y + dy), drawn as line segments (a quiver plot).</summary>
    public Figure Arrows(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> dx, IReadOnlyList<double> dy,
                         string name, string? color = null)
    {
        if (y.Count != x.Count || dx.Count != x.Count || dy.Count != x.Count)
            throw new ArgumentException("x, y, dx and dy must have the same length.");
        var xs = new List<double?>();
        var ys = new List<double?>();
        for (var i = 0; i < x.Count; i++)
        {
            xs.AddRange(new double?[] { x[i], x[i] + dx[i], null });
            ys.AddRange(new double?[] { y[i], y[i] + dy[i], null });
        }
        return AddTrace(new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "lines", ["name"] = name,
            ["x"] = new JsonArray(xs.Select(v => v is null ? null : (JsonNode)JsonValue.Create(Clean(v.Value))).ToArray()),
            ["y"] = new JsonArray(ys.Select(v => v is null ? null : (JsonNode)JsonValue.Create(Clean(v.Value))).ToArray()),
            ["line"] = Style(color, null),
        });
    }

    /// <summary>Uses a logarithmic x axis.</summary>
    public Figure LogX() { Axis("xaxis")["type"] = "log"; return this; }

    /// <summary>Uses a logarithmic y axis.</summary>
    public Figure LogY() { Axis("yaxis")["type"] = "log"; return this; }

    /// <summary>Fixes the x range (needed for animations, so the axes do not jump between frames).</summary>
    public Figure XRange(double min, double max) { Axis("xaxis")["range"] = new JsonArray(min, max); return this; }

    /// <summary>Fixes the y range.</summary>
    public Figure YRange(double min, double max) { Axis("yaxis")["range"] = new JsonArray(min, max); return this; }

    /// <summary>Adds a second y axis on the right, used by traces created with <c>yAxis: "y2"</c>.</summary>
    public Figure SecondYAxis(string title)
    {
        _layout["yaxis2"] = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title }, ["overlaying"] = "y", ["side"] = "right",
        };
        return this;
    }

    /// <summary>Makes x and y share a scale (for 2-D samples and vector fields).</summary>
    public Figure EqualAspect() { Axis("yaxis")["scaleanchor"] = "x"; return this; }

    /// <summary>Adds an animation frame. The frame's traces replace this figure's traces one for one, so build
    /// each frame with the same traces in the same order.</summary>
    public Figure AddFrame(string label, Figure frame)
    {
        if (frame._traces.Count != _traces.Count && _traces.Count > 0)
            throw new ArgumentException($"Frame '{label}' has {frame._traces.Count} traces; the figure has {_traces.Count}.", nameof(frame));
        if (_traces.Count == 0)
            foreach (var t in frame._traces) _traces.Add((JsonObject)t.DeepClone());
        _frames.Add((label, frame._traces.Select(t => (JsonObject)t.DeepClone()).ToList()));
        return this;
    }

    /// <summary>The plotly.js figure as JSON: {data, layout, frames}.</summary>
    public string ToJson()
    {
        var layout = (JsonObject)_layout.DeepClone();
        var figure = new JsonObject { ["data"] = new JsonArray(_traces.Select(t => (JsonNode)t.DeepClone()).ToArray()), ["layout"] = layout };
        if (_frames.Count > 0)
        {
            figure["frames"] = new JsonArray(_frames.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Label, ["data"] = new JsonArray(f.Traces.Select(t => (JsonNode)t.DeepClone()).ToArray()),
            }).ToArray());
            AddAnimationControls(layout);
        }
        return figure.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <inheritdoc />
    public override string ToHtml() => HtmlFor(ToJson());

    /// <summary>The HTML fragment that draws a plotly.js figure given as JSON ({data, layout, frames}).</summary>
    /// <remarks>
    /// The element id is derived from the figure's JSON, so the same figure always gives the same HTML and a saved
    /// notebook does not change when it is run again. Two outputs of the same figure on one page share that id;
    /// each script therefore draws into the first element with its id that no script has claimed yet.
    /// </remarks>
    internal static string HtmlFor(string figureJson)
    {
        var id = "gan-fig-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(figureJson)))[..16].ToLowerInvariant();
        var sb = new StringBuilder();
        sb.Append("<div id=\"").Append(id).Append("\" style=\"width:100%;max-width:900px\"></div>\n")
          .Append("<script type=\"text/javascript\">\n(function () {\n")
          .Append("  var fig = ").Append(figureJson).Append(";\n")
          .Append("  var el = Array.prototype.filter.call(document.querySelectorAll('div[id=\"").Append(id)
          .Append("\"]'), function (e) { return !e.hasAttribute('data-gan-claimed'); })[0];\n")
          .Append("  if (!el) { return; }\n")
          .Append("  el.setAttribute('data-gan-claimed', '');\n")
          .Append("  function draw(Plotly) {\n")
          .Append("    Plotly.newPlot(el, fig.data, fig.layout, {responsive: true})\n")
          .Append("      .then(function () { if (fig.frames) { Plotly.addFrames(el, fig.frames); } });\n")
          .Append("  }\n")
          .Append("  var src = 'https://cdn.plot.ly/plotly-").Append(PlotlyJsVersion).Append(".min';\n")
          .Append("  if (window.Plotly) { draw(window.Plotly); }\n")
          .Append("  else if (typeof requirejs === 'function') {\n")
          .Append("    requirejs.config({ context: 'gan-plotly', paths: { plotly: src } })(['plotly'], draw);\n")
          .Append("  } else {\n")
          .Append("    var s = document.createElement('script'); s.src = src + '.js';\n")
          .Append("    s.onload = function () { draw(window.Plotly); }; document.head.appendChild(s);\n")
          .Append("  }\n})();\n</script>");
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToPlainText()
    {
        var sb = new StringBuilder();
        sb.Append("Figure '").Append(Title).Append("': ");
        sb.Append(string.Join(", ", _traces.Select(Describe)));
        if (_frames.Count > 0) sb.Append("; ").Append(_frames.Count).Append(" animation frames");
        return sb.ToString();
    }

    private static string Describe(JsonObject t)
    {
        var type = (string?)t["type"] ?? "trace";
        var name = (string?)t["name"] ?? "";
        var n = (t["x"] as JsonArray)?.Count(v => v is not null) ?? 0;
        return type == "heatmap" ? $"heatmap '{name}'" : $"{type} '{name}' ({n} points)";
    }

    private Figure AddTrace(JsonObject trace)
    {
        if (_frames.Count > 0) throw new InvalidOperationException("Add all traces before adding animation frames.");
        _traces.Add(trace);
        return this;
    }

    private JsonObject Axis(string name) => (JsonObject)_layout[name]!;

    private void AddAnimationControls(JsonObject layout)
    {
        JsonObject Animate(JsonNode frames, int duration) => new()
        {
            ["method"] = "animate",
            ["args"] = new JsonArray(frames, new JsonObject
            {
                ["mode"] = "immediate", ["fromcurrent"] = true,
                ["frame"] = new JsonObject { ["duration"] = duration, ["redraw"] = true },
                ["transition"] = new JsonObject { ["duration"] = 0 },
            }),
        };
        var play = Animate(JsonValue.Create((string?)null)!, 300);
        play["args"]![0] = null;
        play["label"] = "▶ play";
        var pause = Animate(new JsonArray(JsonValue.Create((string?)null)), 0);
        pause["label"] = "❚❚ pause";
        layout["updatemenus"] = new JsonArray(new JsonObject
        {
            ["type"] = "buttons", ["showactive"] = false, ["x"] = 0, ["y"] = -0.25, ["xanchor"] = "left",
            ["buttons"] = new JsonArray(play, pause),
        });
        layout["sliders"] = new JsonArray(new JsonObject
        {
            ["x"] = 0.15, ["len"] = 0.85, ["y"] = -0.2, ["currentvalue"] = new JsonObject { ["prefix"] = "" },
            ["steps"] = new JsonArray(_frames.Select(f =>
            {
                var step = Animate(new JsonArray(JsonValue.Create(f.Label)), 0);
                step["label"] = f.Label;
                return (JsonNode)step;
            }).ToArray()),
        });
        layout["margin"] = new JsonObject { ["t"] = 50, ["r"] = 20, ["b"] = 140 };
        ((JsonObject)layout["legend"]!)["y"] = 1.12;
    }

    private static JsonObject Xy(string type, IEnumerable<double> x, IEnumerable<double> y, string name, string? yAxis)
    {
        var xs = Array(x);
        var ys = Array(y);
        if (xs.Count != ys.Count) throw new ArgumentException($"x has {xs.Count} values but y has {ys.Count}.");
        var trace = new JsonObject { ["type"] = type, ["name"] = name, ["x"] = xs, ["y"] = ys };
        if (yAxis is not null) trace["yaxis"] = yAxis;
        return trace;
    }

    private static JsonObject Style(string? color, string? dash) => new() { ["color"] = color, ["dash"] = dash };

    // JSON has no NaN or infinity; plotly draws a gap for null, which is what a missing value should look like.
    private static JsonArray Array(IEnumerable<double> values) =>
        new(values.Select(v => double.IsFinite(v) ? (JsonNode)JsonValue.Create(Clean(v)) : null).ToArray());

    private static double Clean(double v) => double.Parse(v.ToString("G7", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

internal static class JsonObjectExtensions
{
    public static JsonObject With(this JsonObject o, string key, JsonNode? value)
    {
        o[key] = value;
        return o;
    }
}
