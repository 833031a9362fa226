using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Tests.Notebooks;
using GanNotebooks.Runner.Reports;

namespace GanNotebooks.Tests.Reports;

/// <summary>
/// The Markdown of the HTML pages: every formula must reach KaTeX exactly as the notebook writes it, and
/// nothing that is not a formula may become one.
/// </summary>
public partial class MarkdownRendererTests
{
    // What KaTeX's auto-render receives: the text of each math element the renderer writes.
    [GeneratedRegex(@"<span class=""math (inline|display)"">(?:\\\(|\\\[)(.*?)(?:\\\)|\\\])</span>", RegexOptions.Singleline)]
    private static partial Regex MathElement();

    [GeneratedRegex(@"<(code|pre)\b[^>]*>.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex CodeElement();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();

    /// <summary>The formulas in rendered HTML, in order: (TeX as KaTeX will read it, display?).</summary>
    private static List<(string Tex, bool Display)> Formulas(string html) =>
        MathElement().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[2].Value), m.Groups[1].Value == "display")).ToList();

    /// <summary>The text a reader sees outside formulas and code.</summary>
    private static string Prose(string html) =>
        WebUtility.HtmlDecode(AnyTag().Replace(CodeElement().Replace(MathElement().Replace(html, " "), " "), " "));

    private static string Code(string html) =>
        string.Join("\n", CodeElement().Matches(html).Select(m => WebUtility.HtmlDecode(AnyTag().Replace(m.Value, ""))));

    // ---- every formula of every notebook --------------------------------------------------------------

    // An independent, deliberately plain reading of the notebooks' math: drop code, then $$…$$ and $…$
    // pairs left to right. It knows no currency rule, which the notebooks do not need (a literal dollar in
    // their prose would show up below as a count mismatch, not pass silently).
    [GeneratedRegex(@"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$|(`+).+?\2", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex NotebookCode();

    [GeneratedRegex(@"(?<!\\)\$\$(.+?)\$\$|(?<!\\)\$(.+?)\$", RegexOptions.Singleline)]
    private static partial Regex NotebookMath();

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Every_formula_of_a_notebook_reaches_the_page_verbatim(string name)
    {
        var notebook = (JsonObject)JsonNode.Parse(File.ReadAllText(Repo.Path("notebooks", name)))!;
        var cells = ((JsonArray)notebook["cells"]!).Select(c => c!).ToList();
        var checkedFormulas = 0;
        for (var index = 0; index < cells.Count; index++)
        {
            if (Notebook.CellType(cells[index]) != "markdown") continue;
            var markdown = Notebook.Source(cells[index]);
            var withoutCode = NotebookCode().Replace(markdown, " ");
            var expected = NotebookMath().Matches(withoutCode)
                .Select(m => m.Groups[1].Success ? (m.Groups[1].Value, true) : (m.Groups[2].Value, false)).ToList();
            var literalDollars = NotebookMath().Replace(withoutCode, " ").Count(c => c == '$');

            var html = MarkdownRenderer.ToHtml(markdown);

            var actual = Formulas(html);
            for (var k = 0; k < Math.Max(expected.Count, actual.Count); k++)
            {
                var want = k < expected.Count ? expected[k] : default;
                var got = k < actual.Count ? actual[k] : default;
                Assert.True(want == got,
                    $"{name}, cell {index}, formula {k + 1} of {expected.Count}:\n  notebook: {want}\n  page:     {got}");
            }
            Assert.True(literalDollars == Prose(html).Count(c => c == '$'),
                $"{name}, cell {index}: {literalDollars} literal $ in the Markdown, but the page's text shows " +
                $"{Prose(html).Count(c => c == '$')}:\n{Prose(html)}");
            checkedFormulas += expected.Count;
        }
        var dollarsInMarkdown = cells.Where(c => Notebook.CellType(c) == "markdown").Sum(c => Notebook.Source(c).Count(ch => ch == '$'));
        Assert.True(dollarsInMarkdown == 0 || checkedFormulas > 0, $"{name}: its Markdown has $ signs but no formula was checked");
    }

    // ---- each construct on its own ----------------------------------------------------------------------

    [Fact]
    public void Inline_math_keeps_underscores_asterisks_and_carets()
    {
        var html = MarkdownRenderer.ToHtml("Both $a_1 * b_2$ and $c_1 * d_2^{*}$ stay formulas.");
        Assert.Equal(new[] { ("a_1 * b_2", false), ("c_1 * d_2^{*}", false) }, Formulas(html));
        Assert.DoesNotContain("<em>", html);
    }

    [Fact]
    public void Display_math_on_its_own_lines_spans_several_lines()
    {
        var tex = "\n\\begin{aligned}\nV &= \\int p\\,dx \\\\\n  &= 1\n\\end{aligned}\n";
        var html = MarkdownRenderer.ToHtml("Before.\n\n$$" + tex + "$$\n\nAfter.");
        Assert.Equal(new[] { (tex, true) }, Formulas(html));
        Assert.Contains("<p>Before.</p>", html);
        Assert.Contains("<p>After.</p>", html);
    }

    [Fact]
    public void Display_math_inside_a_paragraph_stays_in_it()
    {
        // Chapter 5's D*(x): a display formula between two lines of a paragraph, over three lines.
        var tex = "D^*(x) = \\frac{p_r(x)}{p_r(x) + p_g(x)} = \\sigma\\!\\Big(\\log\\frac{p_r(x)}{p_g(x)}\\Big)\n" +
                  "= \\sigma\\!\\Big(\\frac{(x - \\mu_g)^2 - (x - \\mu_r)^2}{2 s^2}\\Big) .";
        var html = MarkdownRenderer.ToHtml("a logistic function of $x$:\n$$" + tex + "$$\nAt the generator's mean $x = 4$ its logit is $-32$.");
        Assert.Equal(new[] { ("x", false), (tex, true), ("x = 4", false), ("-32", false) }, Formulas(html));
        Assert.Single(Regex.Matches(html, "<p>"));
    }

    [Fact]
    public void Display_math_inside_a_list_item_stays_in_the_item()
    {
        var tex = "\\nabla_\\theta L_{mm} = -\\,\\mathbb E_z\\big[\\, D(G_\\theta(z))\\; J_\\theta(z)^\\top \\big];";
        var html = MarkdownRenderer.ToHtml("* **minimax**: since\n  $$" + tex + "$$\n* **non-saturating**: $L_{ns}$");
        Assert.Equal(new[] { (tex, true), ("L_{ns}", false) }, Formulas(html));
        Assert.Equal(2, Regex.Matches(html, "<li>").Count);
        Assert.Matches(@"<li>[^<]*<strong>minimax</strong>: since\s*<span class=""math display"">", html);
    }

    [Fact]
    public void Lines_of_a_display_formula_that_look_like_list_items_stay_in_the_formula()
    {
        // Chapter 7 continues a long formula on lines starting with + and -.
        var tex = "L_D = -\\mathbb E\\log D(x, c)\n- (1 - \\lambda)\\,\\mathbb E\\log\\big(1 - D(G(z, c), c)\\big)\n+ \\lambda\\,\\mathbb E\\log\\big(1 - D(x, c')\\big),";
        var html = MarkdownRenderer.ToHtml("The loss:\n\n$$" + tex + "$$\n");
        Assert.Equal(new[] { (tex, true) }, Formulas(html));
        Assert.DoesNotContain("<li>", html);
    }

    [Fact]
    public void Math_next_to_punctuation_and_letters()
    {
        var html = MarkdownRenderer.ToHtml("($x$), $y$. $z$: and $w$, then ink$(z, c)$; \"$q$\"!");
        Assert.Equal(new[] { "x", "y", "z", "w", "(z, c)", "q" }, Formulas(html).Select(f => f.Tex));
        Assert.Contains("ink<span", html);
    }

    [Theory]
    [InlineData(@"p \,\|\, q")]              // \, and \| (Markdown would drop both backslashes)
    [InlineData(@"S = \{u : u \perp 1\}")]  // \{ and \}
    [InlineData(@"a \\ b")]                 // a TeX line break
    [InlineData(@"\mathrm{KL}(p\|q)")]      // braces right after a command
    [InlineData(@"\sigma\!\Big(x\Big)\;\le\;1")]
    [InlineData(@"a < b \;\&\; c > d")]       // HTML's special characters
    [InlineData(@"\text{a `single tick and *stars* and _lines_}")]
    public void Backslash_sequences_reach_KaTeX_verbatim(string tex)
    {
        Assert.Equal(new[] { (tex, false) }, Formulas(MarkdownRenderer.ToHtml("Inline $" + tex + "$ here.")));
        Assert.Equal(new[] { (tex, true) }, Formulas(MarkdownRenderer.ToHtml("Display\n$$" + tex + "$$\nhere.")));
    }

    [Theory]
    [InlineData("It costs $5 and $10 to buy.", "$5 and $10")]
    [InlineData("From $5 to $6.", "$5 to $6")]
    [InlineData("A price of $20,000.", "$20,000")]
    [InlineData(@"Escaped: \$x\$ stays text.", "$x$")]
    [InlineData("An unmatched $ sign.", "$ sign")]
    [InlineData("Text $\n\nnew paragraph$ here.", "$")]
    public void Dollars_that_are_not_math_stay_text(string markdown, string shown)
    {
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.Empty(Formulas(html));
        Assert.Contains(shown, Prose(html));
    }

    [Fact]
    public void Dollars_in_code_spans_and_code_blocks_are_code()
    {
        var markdown = "Use `$HOME` and ``a `$b$` c``, and $x$ = `targetMean`.\n\n```bash\necho $PATH $x$\n```\n\n    indented $y$ code\n";
        var html = MarkdownRenderer.ToHtml(markdown);
        Assert.Equal(new[] { ("x", false) }, Formulas(html));
        var code = Code(html);
        Assert.Contains("$HOME", code);
        Assert.Contains("a `$b$` c", code);
        Assert.Contains("targetMean", code);
        Assert.Contains("echo $PATH $x$", code);
        Assert.Contains("indented $y$ code", code);
    }

    [Fact]
    public void A_currency_dollar_does_not_capture_a_code_span()
    {
        var html = MarkdownRenderer.ToHtml("Pay $10, then run `x$` now.");
        Assert.Empty(Formulas(html));
        Assert.Contains("<code>x$</code>", html);
    }

    [Fact]
    public void Tables_keep_their_cells_when_formulas_contain_pipes()
    {
        var html = MarkdownRenderer.ToHtml("| term | value |\n|---|---|\n| $\\|x\\|$ | $|D - D^*|$ |\n| $t_1$ | $\\mathrm{sg}$ |\n");
        Assert.Equal(new[] { @"\|x\|", "|D - D^*|", "t_1", @"\mathrm{sg}" }, Formulas(html).Select(f => f.Tex));
        Assert.Equal(4, Regex.Matches(html, "<td>").Count);
    }

    [Fact]
    public void Formulas_in_headings_and_image_text_do_not_leak_into_attributes()
    {
        var html = MarkdownRenderer.ToHtml("### The discriminator as $T \\circ E$\n\n![a plot of $p_g$](plot.png)\n");
        Assert.Contains("<h3 id=\"the-discriminator-as\">The discriminator as <span class=\"math inline\">\\(T \\circ E\\)</span></h3>", html);
        Assert.Contains("alt=\"a plot of p_g\"", html);
        Assert.DoesNotMatch("[\uE000-\uF8FF]", html);
    }

    [Fact]
    public void Braces_in_prose_are_kept()
    {
        var html = MarkdownRenderer.ToHtml("The labels are {0, 1} and {real}.");
        Assert.Contains("{0, 1} and {real}", Prose(html));
    }
}
