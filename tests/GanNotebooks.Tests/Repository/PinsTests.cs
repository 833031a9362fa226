using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Tests.Repository;

/// <summary>Every version the course pins outside project files agrees with the one place it is pinned.</summary>
public class PinsTests
{
    private static string Read(params string[] path) => File.ReadAllText(Repo.Path(path));

    private static string InteractiveToolPin() =>
        XDocument.Parse(Read("Directory.Build.props")).Descendants("DotnetInteractiveToolVersion").Single().Value;

    [Fact]
    public void Embedded_pins_are_the_repository_pins()
    {
        var onDisk = PackagePins.Parse(Read("Directory.Packages.props"));
        Assert.Equal(onDisk.Versions.OrderBy(p => p.Key), PackagePins.Embedded().Versions.OrderBy(p => p.Key));
        Assert.Equal("0.107.0", onDisk.VersionOf("TorchSharp-cpu"));
    }

    [Fact]
    public void Projects_take_versions_only_from_central_package_management()
    {
        foreach (var project in Directory.GetFiles(Repo.Root, "*.csproj", SearchOption.AllDirectories).Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            foreach (var reference in XDocument.Load(project).Descendants("PackageReference"))
                Assert.True(reference.Attribute("Version") is null, $"{project}: {reference.Attribute("Include")?.Value} has its own Version");
    }

    [Fact]
    public void Binder_image_uses_a_dated_base_and_the_pinned_kernel()
    {
        var docker = Dockerfile.Parse(Read("binder", "Dockerfile"));
        Assert.Matches(@"^quay\.io/jupyter/base-notebook:\d{4}-\d{2}-\d{2}$", Assert.Single(docker.All("FROM")));
        Assert.Equal("1000", docker.Args["NB_UID"]);
        Assert.Equal(InteractiveToolPin(), docker.Env["DOTNET_INTERACTIVE_VERSION"]);
        var runs = docker.All("RUN").ToList();
        var install = Assert.Single(runs, r => r.Contains("dotnet tool install"));
        Assert.Equal("Microsoft.dotnet-interactive", Regex.Match(install, @"install\s+--global\s+(\S+)").Groups[1].Value);
        Assert.Equal("${DOTNET_INTERACTIVE_VERSION}", Regex.Match(install, @"--version\s+(\S+)").Groups[1].Value);
        Assert.Contains(runs, r => r.Contains("dotnet interactive jupyter install"));
        Assert.Contains(runs, r => r.Contains("-- doctor"));
        // The image restores packages through the projects, so TorchSharp comes from Directory.Packages.props.
        Assert.Contains(runs, r => r.Contains("dotnet build lib/GanNotebooks -c Release"));
        Assert.DoesNotContain(docker.Instructions, i => i.Arguments.Contains("TorchSharp"));
    }

    [Fact]
    public void Kernel_tool_pins_agree()
    {
        var pin = InteractiveToolPin();
        var manifest = JsonNode.Parse(Read(".config", "dotnet-tools.json"))!;
        Assert.Equal(pin, (string?)manifest["tools"]!["microsoft.dotnet-interactive"]!["version"]);
        var settings = JsonNode.Parse(Read(".vscode", "settings.json"))!;
        Assert.Equal(pin, (string?)settings["dotnet-interactive.requiredInteractiveToolVersion"]);
        // The README states the pin in one sentence; every version it gives for the tool must be the pin.
        var named = Regex.Matches(Read("README.md"), @"dotnet-interactive\W{0,3}(\d+\.\d+\.\d+)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(named);
        Assert.All(named, v => Assert.Equal(pin, v));
    }

    [Fact]
    public void Readme_gives_the_test_command_that_CI_runs_and_the_main_command()
    {
        var readme = Read("README.md");
        Assert.Contains("dotnet test GanNotebooks.sln", readme);
        Assert.Contains("dotnet run --project lib/GanNotebooks.Runner -c Release -- run notebooks --out out", readme);
        // .ci/run runs that command (with a logger added): read its command lines, not its comments.
        var ciCommands = Read(".ci", "run").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Contains(ciCommands, l => l.StartsWith("dotnet test GanNotebooks.sln"));
        var pins = PackagePins.Embedded();
        Assert.Contains($"TorchSharp-cuda-linux, {pins.VersionOf("TorchSharp-cuda-linux")}", readme);
    }
}
