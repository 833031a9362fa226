using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax;

namespace GanNotebooks.Runner.Reports;

/// <summary>
/// Turns the Markdown of a notebook cell into HTML whose formulas reach KaTeX exactly as written.
/// </summary>
/// <remarks>
/// Markdown and TeX disagree about backslashes, underscores, asterisks, braces and pipes, so a Markdown
/// processor that sees a formula mangles it (<c>\,</c> loses its backslash, <c>_</c> pairs become emphasis,
/// <c>|</c> splits a table cell). The math is therefore taken out first, with the rules of Jupyter and pandoc:
/// <list type="bullet">
/// <item><c>$$…$$</c> is display math, wherever it stands (own lines, inside a paragraph or list item, over
/// several lines);</item>
/// <item><c>$…$</c> is inline math when the opening <c>$</c> is followed by a non-space, the closing <c>$</c>
/// is preceded by a non-space and not followed by a digit, and no whitespace inside is followed by a
/// <c>$</c> (so "$5 and $10" stays text);</item>
/// <item><c>\$</c> is a literal dollar; nothing inside code spans or code blocks is math; no formula runs
/// over a blank line.</item>
/// </list>
/// Each formula is replaced by a placeholder Markdown leaves alone, the rest is rendered by Markdig, and
/// each placeholder becomes <c>&lt;span class="math inline"&gt;\(TeX\)&lt;/span&gt;</c> (or
/// <c>class="math display"</c> with <c>\[TeX\]</c>), the TeX HTML-encoded and otherwise untouched, which
/// KaTeX's auto-render turns into a formula in the browser.
/// </remarks>
public static class MarkdownRenderer
{
    // Characters from Unicode's private use area: no Markdown syntax, never in the course's text.
    private const char PlaceholderOpen = '\uE000';
    private const char PlaceholderClose = '\uE001';
    private const char PlaceholderDigit0 = '\uE010'; // digits too, so that a heading's id does not pick them up
    private static readonly Regex Placeholder = new("\uE000([\uE010-\uE019]+)\uE001", RegexOptions.CultureInvariant);
    private static readonly Regex Tag = new("<[^>]*>", RegexOptions.CultureInvariant);

    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    /// <summary>One formula found in the Markdown: where it stands, its TeX (without delimiters), and whether it is display math.</summary>
    public readonly record struct MathSpan(int Start, int Length, string Tex, bool Display);

    /// <summary>Renders one Markdown cell as HTML, every formula wrapped for KaTeX with its TeX verbatim.</summary>
    public static string ToHtml(string markdown)
    {
        var spans = FindMath(markdown);
        var text = new StringBuilder(markdown.Length);
        var pos = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            text.Append(markdown, pos, spans[i].Start - pos).Append(PlaceholderOpen);
            foreach (var digit in i.ToString(CultureInfo.InvariantCulture)) text.Append((char)(PlaceholderDigit0 + digit - '0'));
            text.Append(PlaceholderClose);
            pos = spans[i].Start + spans[i].Length;
        }
        text.Append(markdown, pos, markdown.Length - pos);
        var html = Markdown.ToHtml(text.ToString(), Pipeline);

        // Inside a tag (an image's alt text, a heading's id) a formula can only be text; everywhere else it
        // becomes an element KaTeX renders.
        html = Tag.Replace(html, tag => Placeholder.Replace(tag.Value, m => WebUtility.HtmlEncode(SpanOf(m).Tex)));
        return Placeholder.Replace(html, m => MathElement(SpanOf(m)));

        MathSpan SpanOf(Match m) => spans[m.Groups[1].Value.Aggregate(0, (n, digit) => 10 * n + (digit - PlaceholderDigit0))];
    }

    /// <summary>
    /// The formulas of a Markdown text, in order, by the rules in the class remarks. Code spans, fenced and
    /// indented code blocks and backslash-escaped dollars are skipped.
    /// </summary>
    public static IReadOnlyList<MathSpan> FindMath(string markdown)
    {
        var code = CodeRanges(markdown);
        var spans = new List<MathSpan>();
        var next = 0; // index of the first code range that ends after i
        var i = 0;
        while (i < markdown.Length)
        {
            while (next < code.Count && code[next].End <= i) next++;
            if (next < code.Count && code[next].Start <= i)
            {
                i = code[next].End;
                continue;
            }
            var limit = next < code.Count ? code[next].Start : markdown.Length;
            var c = markdown[i];
            if (c == '\\' && i + 1 < limit && AsciiPunctuation.Contains(markdown[i + 1]))
                i += 2; // a Markdown escape: \$ is a dollar
            else if (c == '$' && TryMath(markdown, i, limit) is { } span)
            {
                spans.Add(span);
                i = span.Start + span.Length;
            }
            else i++;
        }
        return spans;
    }

    private static string MathElement(MathSpan span) => span.Display
        ? "<span class=\"math display\">\\[" + WebUtility.HtmlEncode(span.Tex) + "\\]</span>"
        : "<span class=\"math inline\">\\(" + WebUtility.HtmlEncode(span.Tex) + "\\)</span>";

    private static MathSpan? TryMath(string s, int start, int limit)
    {
        if (start + 1 < limit && s[start + 1] == '$')
        {
            // Display math: everything up to the next unescaped $$ in the same paragraph.
            for (var j = start + 2; j < limit; j++)
            {
                if (s[j] == '\\') { j++; continue; }
                if (IsBlankLineAt(s, j, limit)) return null;
                if (s[j] == '$' && j + 1 < limit && s[j + 1] == '$')
                    return j == start + 2 ? null : new MathSpan(start, j + 2 - start, s[(start + 2)..j], true);
            }
            return null;
        }
        if (start + 1 >= limit || char.IsWhiteSpace(s[start + 1])) return null;
        for (var j = start + 1; j < limit; j++)
        {
            var c = s[j];
            if (c == '\\') { j++; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (IsBlankLineAt(s, j, limit)) return null;
                var k = j;
                while (k < limit && char.IsWhiteSpace(s[k])) k++;
                if (k < limit && s[k] == '$') return null; // "$5 and $10": a space before the closing $
                j = k - 1;
                continue;
            }
            if (c == '$')
            {
                if (j + 1 < s.Length && char.IsAsciiDigit(s[j + 1])) return null;
                return new MathSpan(start, j + 1 - start, s[(start + 1)..j], false);
            }
        }
        return null;
    }

    // True at the newline that ends a line when the following line is empty or only whitespace.
    private static bool IsBlankLineAt(string s, int j, int limit)
    {
        if (s[j] != '\n') return false;
        for (var k = j + 1; k < limit; k++)
        {
            if (s[k] == '\n') return true;
            if (!char.IsWhiteSpace(s[k])) return false;
        }
        return true;
    }

    // Source ranges that are code: code blocks as Markdig sees them (fenced and indented, inside lists and
    // quotes too), and the code spans between them. Code wins over math, as in Jupyter: `$HOME` is code.
    private static List<(int Start, int End)> CodeRanges(string markdown)
    {
        var blocks = Markdown.Parse(markdown, Pipeline).Descendants<CodeBlock>()
            .Select(b => (Start: b.Span.Start, End: Math.Min(markdown.Length, b.Span.End + 1)))
            .OrderBy(r => r.Start).ToList();
        var ranges = new List<(int Start, int End)>();
        var i = 0;
        foreach (var (blockStart, blockEnd) in blocks.Append((markdown.Length, markdown.Length)))
        {
            while (i < blockStart)
            {
                if (markdown[i] == '\\' && i + 1 < blockStart && AsciiPunctuation.Contains(markdown[i + 1])) i += 2;
                else if (markdown[i] == '`')
                {
                    var end = CodeSpanEnd(markdown, i, blockStart);
                    if (end > 0) ranges.Add((i, end));
                    i = end > 0 ? end : SkipRun(markdown, i, '`');
                }
                else i++;
            }
            if (blockEnd > blockStart) ranges.Add((blockStart, blockEnd));
            i = Math.Max(i, blockEnd);
        }
        return ranges;
    }

    // A code span opened by a run of n backticks ends at the next run of exactly n in the same paragraph;
    // returns the index after it, or -1 when the run is unmatched (and so is literal text).
    private static int CodeSpanEnd(string s, int start, int limit)
    {
        var n = SkipRun(s, start, '`') - start;
        for (var j = start + n; j < limit;)
        {
            if (IsBlankLineAt(s, j, limit)) return -1;
            if (s[j] != '`') { j++; continue; }
            var m = SkipRun(s, j, '`') - j;
            if (m == n) return j + m;
            j += m;
        }
        return -1;
    }

    private static int SkipRun(string s, int start, char c)
    {
        var j = start;
        while (j < s.Length && s[j] == c) j++;
        return j;
    }

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions();
        // Math is handled above; Markdig's own math parser and its generic attributes ("{...}" after text,
        // which swallowed the braces of \mathrm{KL}) would only see what is left, so they are switched off.
        builder.Extensions.TryRemove<MathExtension>();
        builder.Extensions.TryRemove<GenericAttributesExtension>();
        return builder.Build();
    }
}
