namespace GanNotebooks.Display;

/// <summary>
/// Tells a notebook kernel how to show a type, without this library referencing the kernel.
/// </summary>
/// <remarks>
/// .NET Interactive looks for an attribute with exactly this name (any namespace, internal is fine), reads
/// <see cref="FormatterSourceType"/> and <see cref="PreferredMimeTypes"/> by reflection and calls the
/// source's <c>CreateTypeFormatters()</c>. TorchSharp formats its tensors the same way. The headless runner
/// follows the same convention, so a chart looks the same in VS Code, in Jupyter and in the saved outputs.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;

    public Type FormatterSourceType { get; }

    public string[]? PreferredMimeTypes { get; set; }
}

/// <summary>Creates the text/html and text/plain formatters for every <see cref="Displayable"/>.</summary>
internal sealed class DisplayableFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new HtmlFormatter();
        yield return new PlainTextFormatter();
    }

    private sealed class HtmlFormatter
    {
        public string MimeType => "text/html";

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not Displayable d) return false;
            writer.Write(d.ToHtml());
            return true;
        }
    }

    private sealed class PlainTextFormatter
    {
        public string MimeType => "text/plain";

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not Displayable d) return false;
            writer.Write(d.ToPlainText());
            return true;
        }
    }
}
