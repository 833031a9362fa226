using System.Xml.Linq;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// The package versions pinned in Directory.Packages.props (central package management). The runner
/// embeds the file it was built with, so it checks notebooks against the packages it really carries.
/// </summary>
public sealed class PackagePins
{
    private readonly Dictionary<string, string> _versions;

    private PackagePins(Dictionary<string, string> versions) => _versions = versions;

    /// <summary>All pins, package name → version.</summary>
    public IReadOnlyDictionary<string, string> Versions => _versions;

    /// <summary>Parses the XML of a Directory.Packages.props file.</summary>
    public static PackagePins Parse(string xml)
    {
        var doc = XDocument.Parse(xml);
        var versions = doc.Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        return new PackagePins(versions);
    }

    /// <summary>The pins embedded in the runner at build time.</summary>
    public static PackagePins Embedded()
    {
        using var stream = typeof(PackagePins).Assembly.GetManifestResourceStream("Directory.Packages.props")
            ?? throw new InvalidOperationException("The runner was built without its embedded Directory.Packages.props.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>The pinned version of <paramref name="package"/>, or null when it is not pinned.</summary>
    public string? VersionOf(string package) => _versions.TryGetValue(package, out var v) ? v : null;
}
