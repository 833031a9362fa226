using System.Globalization;
using System.Net;
using System.Text;
using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace GanNotebooks.Runner.Reports;

/// <summary>
/// Writes executed notebooks as standalone HTML pages and an index page. plotly.js and KaTeX (both vendored in
/// Assets/) are written once beside them, so charts and formulas render with no network.
/// </summary>
public static class HtmlExporter
{
    /// <summary>The plotly.js version the course's charts are written for (the library's Figure.PlotlyJsVersion).</summary>
    public const string PlotlyJsVersion = "2.28.0";

    private static string PlotlyFile => $"plotly-{PlotlyJsVersion}.min.js";

    /// <summary>Writes plotly.js and KaTeX into <paramref name="outDir"/>.</summary>
    public static void WriteAssets(string outDir)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, "Assets");
        File.Copy(Path.Combine(assets, "plotly", PlotlyFile), Path.Combine(outDir, PlotlyFile), overwrite: true);
        var katex = Path.Combine(assets, "katex");
        foreach (var file in Directory.GetFiles(katex, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(outDir, "katex", Path.GetRelativePath(katex, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Renders one executed notebook as a page.</summary>
    public static string Page(InteractiveDocument notebook, NotebookResult result)
    {
        var sb = new StringBuilder();
        Head(sb, result.Title);
        sb.Append("<p class=\"meta\">").Append(Status(result)).Append(" · ").Append(Html(Path.GetFileName(result.Path))).Append(" · ")
          .Append(result.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)).Append(" s · <a href=\"index.html\">all chapters</a></p>\n");
        foreach (var cell in notebook.Elements)
        {
            if (!NotebookFile.IsCode(cell))
            {
                sb.Append("<div class=\"md\">").Append(MarkdownRenderer.ToHtml(cell.Contents)).Append("</div>\n");
                continue;
            }
            var tags = NotebookFile.Tags(cell);
            var label = tags.Contains("parameters") ? " parameters" : tags.Contains("injected-parameters") ? " injected parameters" : "";
            sb.Append("<div class=\"cell\"><div class=\"prompt\">[").Append(cell.ExecutionOrder > 0 ? cell.ExecutionOrder.ToString(CultureInfo.InvariantCulture) : " ").Append(']')
              .Append(label).Append("</div><pre class=\"code\"><code>").Append(Html(cell.Contents)).Append("</code></pre>\n");
            foreach (var output in cell.Outputs) Output(sb, output);
            sb.Append("</div>\n");
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

    private static void Output(StringBuilder sb, InteractiveDocumentOutputElement output)
    {
        switch (output)
        {
            case TextElement text:
                sb.Append("<pre class=\"").Append(text.Name == "stderr" ? "stderr" : "stream").Append("\">").Append(Html(text.Text)).Append("</pre>\n");
                break;
            case ErrorElement error:
                sb.Append("<pre class=\"error\">").Append(Html(error.ErrorName + ": " + error.ErrorValue));
                foreach (var line in error.StackTrace.Skip(1)) sb.Append('\n').Append(Html(line));
                sb.Append("</pre>\n");
                break;
            case var _ when NotebookFile.Data(output) is { } data:
                if (data.TryGetValue("text/html", out var html)) sb.Append("<div class=\"display\">").Append(NotebookFile.Text(html)).Append("</div>\n");
                else if (data.TryGetValue("image/png", out var png)) sb.Append("<img src=\"data:image/png;base64,").Append(NotebookFile.Text(png).Trim()).Append("\"/>\n");
                else if (data.TryGetValue("text/plain", out var plain)) sb.Append("<pre class=\"result\">").Append(Html(NotebookFile.Text(plain))).Append("</pre>\n");
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
          .Append("pre.stderr{background:#fff5f5;border-left:3px solid #cf222e;padding:4px 8px;font-size:90%}")
          .Append("pre.error{background:#fff0f0;color:#a00;padding:8px}.prompt{color:#888;font-size:80%}.meta{color:#555}")
          .Append("table.index td,table.index th{padding:4px 12px;text-align:left;white-space:nowrap}.ok{color:#1a7f37}.failed{color:#cf222e}</style>\n")
          .Append("</head><body>\n");
    }

    private static string Status(NotebookResult r) =>
        r.Succeeded ? "<span class=\"ok\">ok</span>"
        : r.Error is not null ? $"<span class=\"failed\">failed at cell {r.FailedCell}</span>"
        : $"<span class=\"failed\">{Html(r.Status)}</span>";

    private static string Html(string s) => WebUtility.HtmlEncode(s);
}
