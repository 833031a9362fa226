namespace GanNotebooks.Display;

/// <summary>
/// Base class of everything the library can show in a notebook: charts, image grids, tables,
/// self-check reports. Each has an HTML form (what VS Code and Jupyter show) and a plain-text form
/// (what a terminal, a log or a diff shows).
/// </summary>
[TypeFormatterSource(typeof(DisplayableFormatterSource), PreferredMimeTypes = new[] { "text/html", "text/plain" })]
public abstract class Displayable
{
    /// <summary>An HTML fragment, self-contained, that renders offline (images are inlined as data URIs).</summary>
    public abstract string ToHtml();

    /// <summary>A short, readable text form that carries the same information where it can.</summary>
    public abstract string ToPlainText();

    /// <inheritdoc />
    public override string ToString() => ToPlainText();
}
