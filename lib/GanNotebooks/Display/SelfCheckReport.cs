using System.Globalization;
using System.Text;

namespace GanNotebooks.Display;

/// <summary>One claim of a chapter, measured.</summary>
/// <param name="Name">What is being checked, in words.</param>
/// <param name="Passed">Whether the measurement meets the criterion.</param>
/// <param name="Measured">The measured value, formatted.</param>
/// <param name="Criterion">The criterion it was held to, for example "≤ 0.03".</param>
public sealed record SelfCheck(string Name, bool Passed, string Measured, string Criterion)
{
    /// <summary><c>PASS name: measured (criterion)</c> or <c>FAIL name: ...</c>.</summary>
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Name}: {Measured} ({Criterion})";
}

/// <summary>Thrown by <see cref="SelfCheckReport.Verify"/> when a claim does not hold.</summary>
public sealed class SelfCheckFailedException : Exception
{
    public SelfCheckFailedException(string message) : base(message) { }
}

/// <summary>
/// The self-checks at the end of a chapter: every quantitative claim, measured and held to a stated
/// criterion. <see cref="Verify"/> displays the report and then throws if any check failed, so a claim that
/// does not hold stops a headless run instead of passing silently.
/// </summary>
public sealed class SelfCheckReport : Displayable
{
    private readonly List<SelfCheck> _checks = new();

    /// <summary>Starts an empty report.</summary>
    public SelfCheckReport(string title) => Title = title;

    /// <summary>The report's heading.</summary>
    public string Title { get; }

    /// <summary>The checks recorded so far.</summary>
    public IReadOnlyList<SelfCheck> Checks => _checks;

    /// <summary>Records a check whose outcome the caller computed.</summary>
    public SelfCheckReport Check(string name, bool passed, string measured, string criterion)
    {
        _checks.Add(new SelfCheck(name, passed, measured, criterion));
        return this;
    }

    /// <summary>Checks <paramref name="measured"/> ≤ <paramref name="limit"/>. NaN fails.</summary>
    public SelfCheckReport AtMost(string name, double measured, double limit, string format = "G4") =>
        Check(name, measured <= limit, Fmt(measured, format), $"≤ {Fmt(limit, format)}");

    /// <summary>Checks <paramref name="measured"/> ≥ <paramref name="limit"/>. NaN fails.</summary>
    public SelfCheckReport AtLeast(string name, double measured, double limit, string format = "G4") =>
        Check(name, measured >= limit, Fmt(measured, format), $"≥ {Fmt(limit, format)}");

    /// <summary>Checks |measured − expected| ≤ tolerance. NaN fails.</summary>
    public SelfCheckReport Near(string name, double measured, double expected, double tolerance, string format = "G6") =>
        Check(name, Math.Abs(measured - expected) <= tolerance, Fmt(measured, format),
              $"expected {Fmt(expected, format)} ± {tolerance.ToString("G3", CultureInfo.InvariantCulture)}");

    /// <summary>Checks a condition described in words.</summary>
    public SelfCheckReport IsTrue(string name, bool condition, string measured, string criterion) =>
        Check(name, condition, measured, criterion);

    /// <summary>
    /// Displays the report, then throws <see cref="SelfCheckFailedException"/> if a check failed or none was
    /// recorded.
    /// </summary>
    public void Verify()
    {
        NotebookOutput.Show(this);
        if (_checks.Count == 0)
            throw new SelfCheckFailedException($"{Title}: no self-check was recorded.");
        var failed = _checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
            throw new SelfCheckFailedException(
                $"{Title}: {failed.Count} of {_checks.Count} self-checks failed:\n" + string.Join("\n", failed));
    }

    /// <inheritdoc />
    public override string ToPlainText()
    {
        var sb = new StringBuilder();
        sb.Append("Self-checks: ").Append(Title).Append(" (")
          .Append(_checks.Count(c => c.Passed)).Append('/').Append(_checks.Count).AppendLine(" passed)");
        foreach (var c in _checks) sb.AppendLine(c.ToString());
        return sb.ToString().TrimEnd();
    }

    /// <inheritdoc />
    public override string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"gan-selfchecks\"><b>Self-checks: ").Append(Html.Escape(Title)).Append("</b> (")
          .Append(_checks.Count(c => c.Passed)).Append('/').Append(_checks.Count).Append(" passed)")
          .Append("<table style=\"border-collapse:collapse\"><tr><th></th><th style=\"text-align:left\">check</th>")
          .Append("<th style=\"text-align:left\">measured</th><th style=\"text-align:left\">criterion</th></tr>");
        foreach (var c in _checks)
        {
            var color = c.Passed ? "#1a7f37" : "#cf222e";
            sb.Append("<tr><td style=\"color:").Append(color).Append(";font-weight:bold;padding-right:8px\">")
              .Append(c.Passed ? "PASS" : "FAIL").Append("</td><td style=\"padding-right:12px\">").Append(Html.Escape(c.Name))
              .Append("</td><td style=\"padding-right:12px\"><code>").Append(Html.Escape(c.Measured))
              .Append("</code></td><td>").Append(Html.Escape(c.Criterion)).Append("</td></tr>");
        }
        sb.Append("</table></div>");
        return sb.ToString();
    }

    private static string Fmt(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
