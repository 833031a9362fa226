using System.Text.Json;
using GanNotebooks.Display;
using GanNotebooks.Plots;
using GanNotebooks.Runner.Kernel;
using GanNotebooks.Runtime;
using SkiaSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Display;

public class SelfCheckReportTests
{
    [Fact]
    public void Plain_text_has_one_PASS_or_FAIL_line_per_check()
    {
        var report = new SelfCheckReport("demo").AtMost("gap", 0.02, 0.03).AtLeast("coverage", 6, 7).Near("slope", 2.001, 2, 0.01);
        var lines = report.ToPlainText().Split('\n');
        Assert.Equal("PASS gap: 0.02 (≤ 0.03)", lines[1]);
        Assert.Equal("FAIL coverage: 6 (≥ 7)", lines[2]);
        Assert.StartsWith("PASS slope: 2.001 (expected 2 ± 0.01)", lines[3]);
    }

    [Fact]
    public void NaN_never_passes()
    {
        var report = new SelfCheckReport("nan").AtMost("a", double.NaN, 1).AtLeast("b", double.NaN, 0).Near("c", double.NaN, 0, 1);
        Assert.All(report.Checks, c => Assert.False(c.Passed));
    }

    [Fact]
    public void Verify_displays_the_report_before_throwing()
    {
        var shown = new List<object>();
        NotebookOutput.Sink = shown.Add;
        try
        {
            var report = new SelfCheckReport("fails").AtMost("x", 2, 1);
            var e = Assert.Throws<SelfCheckFailedException>(report.Verify);
            Assert.Same(report, Assert.Single(shown));
            Assert.Contains("FAIL x: 2 (≤ 1)", e.Message);
        }
        finally { NotebookOutput.Sink = null; }
    }

    [Fact]
    public void Empty_report_fails()
    {
        NotebookOutput.Sink = _ => { };
        try { Assert.Throws<SelfCheckFailedException>(new SelfCheckReport("empty").Verify); }
        finally { NotebookOutput.Sink = null; }
    }
}

public class FormattingConventionTests
{
    [Fact]
    public void Displayable_types_format_through_the_name_matched_attribute_as_html_and_text()
    {
        var table = new ResultTable("t", "a", "b").AddRow(1, 0.5);
        var bundle = KernelSession.Format(table);
        Assert.StartsWith("<table", bundle["text/html"]);
        Assert.Equal(table.ToPlainText(), bundle["text/plain"]);

        var attribute = typeof(ResultTable).GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var preferred = (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!;
        Assert.Equal(new[] { "text/html", "text/plain" }, preferred);
    }

    [Fact]
    public void TorchSharp_tensors_format_through_their_own_attribute()
    {
        using var scope = NewDisposeScope();
        var bundle = KernelSession.Format(from_array(new float[] { 1, 2 }));
        Assert.Contains("[2], type = Float32", bundle["text/html"]);
    }

    [Fact]
    public void Other_values_format_as_the_kernel_shows_them_to_a_notebook()
    {
        // Like the dotnet-interactive tool for notebook front ends: HTML by default, strings as plain text.
        Assert.Contains("<pre>1.5</pre>", KernelSession.Format(1.5)["text/html"]);
        Assert.Equal("text", KernelSession.Format("text")["text/plain"]);
    }
}

public class ImageGridTests
{
    [Fact]
    public void Grid_is_a_png_with_each_image_scaled_in_its_cell()
    {
        using var scope = NewDisposeScope();
        // Two 2x2 images in [-1, 1]: the first black with a white top-left pixel, the second all white.
        var images = stack(new[] { tensor(new float[] { 1, -1, -1, -1 }).reshape(2, 2), ones(2, 2) });
        var grid = ImageGrid.FromTensor(images, "test", columns: 2, range: (-1, 1), scale: 3);

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, grid.Png[..4]);
        using var bitmap = SKBitmap.Decode(grid.Png);
        Assert.Equal((2 * (2 * 3 + 2) + 2, 1 * (2 * 3 + 2) + 2), (bitmap.Width, bitmap.Height));
        Assert.Equal(255, bitmap.GetPixel(2, 2).Red);            // top-left block of image 0: white
        Assert.Equal(255, bitmap.GetPixel(4, 4).Red);
        Assert.Equal(0, bitmap.GetPixel(2 + 3, 2).Red);          // next block: black
        Assert.Equal(255, bitmap.GetPixel(2 + 8 + 5, 2 + 5).Red); // image 1: white
        Assert.Contains("data:image/png;base64,", grid.ToHtml());
    }

    [Fact]
    public void Wrong_shape_is_a_clear_error()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => ImageGrid.FromTensor(zeros(2, 5, 4, 4), "bad"));
        Assert.Contains("[N,H,W], [N,1,H,W] or [N,3,H,W]", e.Message);
    }
}

public class FigureTests
{
    [Fact]
    public void Json_holds_the_traces_and_replaces_non_finite_values_by_null()
    {
        var fig = new Figure("f", "x", "y").Line(new[] { 0.0, 1, 2 }, new[] { 1.0, double.NaN, 3 }, "line").LogY();
        using var doc = JsonDocument.Parse(fig.ToJson());
        var trace = doc.RootElement.GetProperty("data")[0];
        Assert.Equal("line", trace.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("y")[1].ValueKind);
        Assert.Equal("log", doc.RootElement.GetProperty("layout").GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Frames_make_an_animation_with_slider_and_play_button()
    {
        var fig = new Figure("anim");
        for (var k = 0; k < 3; k++)
            fig.AddFrame($"step {k}", new Figure("").Line(new[] { 0.0, 1 }, new[] { 0.0, k }, "D(x)"));
        using var doc = JsonDocument.Parse(fig.ToJson());
        Assert.Equal(3, doc.RootElement.GetProperty("frames").GetArrayLength());
        Assert.Equal(3, doc.RootElement.GetProperty("layout").GetProperty("sliders")[0].GetProperty("steps").GetArrayLength());
        Assert.Equal(1, doc.RootElement.GetProperty("data").GetArrayLength());
        Assert.Contains("3 animation frames", fig.ToPlainText());
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Figure("f").Line(new[] { 0.0, 1 }, new[] { 1.0 }, "bad"));
        Assert.Throws<ArgumentException>(() => new Figure("f").Heatmap(new[] { 0.0, 1 }, new[] { 0.0 }, new double[2, 2], "bad"));
    }

    [Fact]
    public void The_html_of_a_figure_depends_only_on_its_content()
    {
        Figure Make(double last) => new Figure("f", "x", "y").Line(new[] { 0.0, 1 }, new[] { 2.0, last }, "line");
        var first = Make(3).ToHtml();
        Assert.Equal(first, Make(3).ToHtml());
        Assert.NotEqual(first, Make(4).ToHtml());
        var id = System.Text.RegularExpressions.Regex.Match(first, "<div id=\"(gan-fig-[0-9a-f]{16})\"").Groups[1].Value;
        Assert.NotEmpty(id);
        // Two outputs of one figure on a page share the id: each script draws into the first element not yet claimed.
        Assert.Contains($"document.querySelectorAll('div[id=\"{id}\"]')", first);
        Assert.Contains("data-gan-claimed", first);
    }

    [Fact]
    public void Tensors_plot_like_the_arrays_they_hold()
    {
        using var scope = NewDisposeScope();
        var x = linspace(0, 1, 5);
        var y = x.pow(2);
        var points = stack(new[] { x, y }, 1);
        var fromArrays = new Figure("f").Line(x.ToDoubles(), y.ToDoubles(), "a").Scatter(x.ToDoubles(), y.ToDoubles(), "b")
                                        .Scatter(x.ToDoubles(), y.ToDoubles(), "c").Histogram(y.ToDoubles(), "d");
        var fromTensors = new Figure("f").Line(x, y, "a").Scatter(x, y, "b").Scatter(points, "c").Histogram(y.reshape(5, 1), "d");
        Assert.Equal(fromArrays.ToJson(), fromTensors.ToJson());
        Assert.Throws<ArgumentException>(() => new Figure("f").Scatter(zeros(3, 3), "bad"));
    }

    [Fact]
    public void Html_draws_with_plotly_from_the_page_or_the_cdn()
    {
        var html = new Figure("f").Line(new[] { 0.0 }, new[] { 0.0 }, "p").ToHtml();
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains($"plotly-{Figure.PlotlyJsVersion}.min", html);
        // The runner writes the vendored plotly.js of that version beside its pages.
        var bundle = File.ReadAllText(Repo.Path("lib", "GanNotebooks.Runner", "Assets", "plotly", $"plotly-{Figure.PlotlyJsVersion}.min.js"));
        Assert.True(bundle.Length > 1_000_000, "plotly.js bundle should be the full minified library");
        Assert.StartsWith($"/**\n* plotly.js v{Figure.PlotlyJsVersion}\n", bundle);
    }
}
