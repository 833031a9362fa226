using System.Net;

namespace GanNotebooks.Display;

/// <summary>Small HTML helpers shared by the displayable types.</summary>
public static class Html
{
    /// <summary>Escapes text for use inside HTML elements and attributes.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
