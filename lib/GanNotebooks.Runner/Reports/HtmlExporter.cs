using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GanNotebooks.Plots;
using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Notebooks;

namespace GanNotebooks.Runner.Reports;

/// <summary>
/// Writes executed notebooks as standalone HTML pages and an index page. plotly.js is written once beside
/// them (taken from Plotly.NET's package) and KaTeX with it, so charts and formulas render with no network.
/// </summary>
public static class HtmlExporter
{
    private static string PlotlyFile => $"plotly-{Figure.PlotlyJsVersion}.min.js";

    /// <summary>Writes plotly.js and KaTeX into <paramref name="outDir"/> if they are not there yet.</summary>
    public static void WriteAssets(string outDir)
    {
        var path = Path.Combine(outDir, PlotlyFile);
        if (!File.Exists(path)) File.WriteAllText(path, PlotlyNet.PlotlyJsBundle());
        var katex = Path.Combine(AppContext.BaseDirectory, "Assets", "katex");
        foreach (var file in Directory.GetFiles(katex, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(outDir, "katex", Path.GetRelativePath(katex, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Renders one executed notebook as a page.</summary>
    public static string Page(Notebook notebook, NotebookResult result)
    {
        var sb = new StringBuilder();
        Head(sb, notebook.Title());
        sb.Append("<p class=\"meta\">").Append(Status(result)).Append(" · ").Append(Html(notebook.FileName)).Append(" · ")
          .Append(result.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)).Append(" s · <a href=\"index.html\">all chapters</a></p>\n");
        foreach (var cell in notebook.Cells)
        {
            if (cell is null) continue;
            var source = Notebook.Source(cell);
            switch (Notebook.CellType(cell))
            {
                case "markdown":
                    sb.Append("<div class=\"md\">").Append(MarkdownRenderer.ToHtml(source)).Append("</div>\n");
                    break;
                case "code":
                    var tags = Notebook.Tags(cell).ToList();
                    var label = tags.Contains("parameters") ? " parameters" : tags.Contains("injected-parameters") ? " injected parameters" : "";
                    sb.Append("<div class=\"cell\"><div class=\"prompt\">[").Append(cell["execution_count"]?.ToString() ?? " ").Append(']')
                      .Append(label).Append("</div><pre class=\"code\"><code>").Append(Html(source)).Append("</code></pre>\n");
                    if (cell["outputs"] is JsonArray outputs)
                        foreach (var o in outputs) Output(sb, o!);
                    sb.Append("</div>\n");
                    break;
            }
        }
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    /// <summary>Renders the index of a run.</summary>
    public static string Index(IReadOnlyList<NotebookResult> results, string preset)
    {
        var sb = new StringBuilder();
        Head(sb, "GAN theory in C#: executed notebooks");
        sb.Append("<h1>GAN theory in C#: executed notebooks</h1>\n<p>Preset <code>").Append(Html(preset)).Append("</code>, run ")
          .Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(".</p>\n");
        sb.Append("<table class=\"index\"><tr><th>notebook</th><th>status</th><th>cells</th><th>self-checks</th><th>time</th><th>files</th></tr>\n");
        foreach (var r in results)
        {
            var name = Path.GetFileNameWithoutExtension(r.Path);
            sb.Append("<tr><td><a href=\"").Append(Html(name)).Append(".html\">").Append(Html(r.Title)).Append("</a></td><td>")
              .Append(Status(r)).Append("</td><td>").Append(r.CellsRun).Append('/').Append(r.CodeCells).Append("</td><td>")
              .Append(r.SelfChecksPassed).Append(" passed, ").Append(r.SelfChecksFailed).Append(" failed</td><td>")
              .Append(r.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)).Append(" s</td><td><a href=\"")
              .Append(Html(name)).Append(".ipynb\">.ipynb</a></td></tr>\n");
        }
        sb.Append("</table></body></html>\n");
        return sb.ToString();
    }

    private static void Output(StringBuilder sb, JsonNode output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                sb.Append("<pre class=\"stream\">").Append(Html(Notebook.Text(output["text"]))).Append("</pre>\n");
                break;
            case "error":
                sb.Append("<pre class=\"error\">").Append(Html(string.Join("\n", ((JsonArray?)output["traceback"])?.Select(t => (string?)t) ?? Array.Empty<string>())))
                  .Append("</pre>\n");
                break;
            default:
                var data = output["data"];
                if (data?["text/html"] is { } html) sb.Append("<div class=\"display\">").Append(Notebook.Text(html)).Append("</div>\n");
                else if (data?["image/png"] is { } png) sb.Append("<img src=\"data:image/png;base64,").Append(Notebook.Text(png).Trim()).Append("\"/>\n");
                else sb.Append("<pre class=\"result\">").Append(Html(Notebook.Text(data?["text/plain"]))).Append("</pre>\n");
                break;
        }
    }

    private static void Head(StringBuilder sb, string title)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>").Append(Html(title)).Append("</title>\n")
          .Append("<script src=\"").Append(PlotlyFile).Append("\"></script>\n")
          .Append("<link rel=\"stylesheet\" href=\"katex/katex.min.css\"/>\n")
          .Append("<script defer src=\"katex/katex.min.js\"></script>\n")
          .Append("<script defer src=\"katex/auto-render.min.js\" onload=\"renderMathInElement(document.body, {delimiters: [")
          .Append("{left: '\\\\[', right: '\\\\]', display: true}, {left: '\\\\(', right: '\\\\)', display: false}], throwOnError: false})\"></script>\n")
          .Append("<style>body{font-family:system-ui,sans-serif;max-width:980px;margin:24px auto;padding:0 16px;line-height:1.5}")
          .Append("pre{overflow-x:auto}pre.code{background:#f6f8fa;padding:8px;border-left:3px solid #0969da}")
          .Append("pre.stream{background:#fff;border-left:3px solid #ccc;padding:4px 8px;font-size:90%}")
          .Append("pre.error{background:#fff0f0;color:#a00;padding:8px}.prompt{color:#888;font-size:80%}.meta{color:#555}")
          .Append("table.index td,table.index th{padding:4px 12px;text-align:left;white-space:nowrap}.ok{color:#1a7f37}.failed{color:#cf222e}</style>\n")
          .Append("</head><body>\n");
    }

    private static string Status(NotebookResult r) =>
        r.Succeeded ? "<span class=\"ok\">ok</span>" : $"<span class=\"failed\">failed at cell {r.FailedCell}</span>";

    private static string Html(string s) => WebUtility.HtmlEncode(s);
}
