using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Tests.Notebooks;

/// <summary>The conventions of notebooks/README.md, checked on every committed notebook.</summary>
public partial class NotebookStructureTests
{
    private static JsonObject Load(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(Repo.Path("notebooks", name)))!;

    private static List<JsonNode> CodeCells(JsonObject nb) =>
        ((JsonArray)nb["cells"]!).Where(c => Notebook.CellType(c!) == "code").Select(c => c!).ToList();

    [Fact]
    public void The_course_has_its_notebooks() => Assert.Contains("00-setup.ipynb", Repo.Notebooks().Select(Path.GetFileName));

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Name_is_NN_topic(string name) => Assert.Matches(@"^\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$", name);

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Is_nbformat_4_5_with_Polyglot_metadata(string name)
    {
        var nb = Load(name);
        Assert.Equal(4, (int)nb["nbformat"]!);
        Assert.Equal(5, (int)nb["nbformat_minor"]!);
        var meta = nb["metadata"]!;
        Assert.Equal(".net-csharp", (string?)meta["kernelspec"]!["name"]);
        Assert.Equal(".NET (C#)", (string?)meta["kernelspec"]!["display_name"]);
        Assert.Equal("C#", (string?)meta["kernelspec"]!["language"]);
        Assert.Equal("polyglot-notebook", (string?)meta["language_info"]!["name"]);
        Assert.Equal("csharp", (string?)meta["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);

        var ids = new HashSet<string>();
        foreach (var cell in (JsonArray)nb["cells"]!)
        {
            var type = Notebook.CellType(cell!);
            Assert.Contains(type, new[] { "markdown", "code" });
            var id = (string?)cell!["id"];
            Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", id);   // nbformat 4.5 cell id
            Assert.True(ids.Add(id!), $"duplicate cell id {id}");
            Assert.IsType<JsonObject>(cell["metadata"]);
            Assert.NotNull(cell["source"]);
            if (type == "code")
            {
                Assert.Equal("csharp", (string?)cell["metadata"]!["polyglot_notebook"]!["kernelName"]);
                Assert.IsType<JsonArray>(cell["outputs"]);
                Assert.True(cell.AsObject().ContainsKey("execution_count"));
            }
            else
            {
                Assert.False(cell.AsObject().ContainsKey("outputs"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void First_code_cell_is_the_setup(string name)
    {
        var setup = Notebook.Source(CodeCells(Load(name))[0]);
        var pins = PackagePins.Embedded();
        Assert.Contains($"#r \"nuget: TorchSharp-cpu, {pins.VersionOf("TorchSharp-cpu")}\"", setup);
        Assert.Contains($"TorchSharp-cuda-linux, {pins.VersionOf("TorchSharp-cuda-linux")}", setup);   // the GPU line, as a comment
        var tfm = System.Xml.Linq.XDocument.Load(Repo.Path("lib", "GanNotebooks", "GanNotebooks.csproj")).Descendants("TargetFramework").Single().Value;
        Assert.Contains($"#r \"../lib/GanNotebooks/bin/Release/{tfm}/GanNotebooks.dll\"", setup);
        Assert.Contains("using static TorchSharp.torch;", setup);
        Assert.Contains("Devices.Choose(", setup);
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Every_nuget_reference_uses_the_pinned_version(string name)
    {
        var pins = PackagePins.Embedded();
        var all = string.Join("\n", ((JsonArray)Load(name)["cells"]!).Select(c => Notebook.Source(c!)));
        var references = NugetReference().Matches(all);
        Assert.NotEmpty(references);
        foreach (Match m in references)
        {
            var package = m.Groups["name"].Value.Trim();
            Assert.True(pins.VersionOf(package) is not null, $"{name}: {package} is not pinned in Directory.Packages.props");
            Assert.Equal(pins.VersionOf(package), m.Groups["version"].Value.Trim());
        }
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Second_code_cell_is_the_parameters_cell_with_presets(string name)
    {
        var cell = CodeCells(Load(name))[1];
        Assert.Contains("parameters", Notebook.Tags(cell));
        var source = Notebook.Source(cell);
        Assert.Matches("(?m)^var preset = \"classroom\";", source);
        var parameters = new ParameterCell(source);
        Assert.Contains("preset", parameters.Names);
        foreach (var line in source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//")))
            Assert.True(new ParameterCell(line).Names.Count == 1, $"{name}: parameters cell line is not a one-line declaration: {line}");
        Assert.Equal(1, ((JsonArray)Load(name)["cells"]!).Count(c => Notebook.Tags(c!).Contains("parameters")));
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Last_section_holds_the_self_checks(string name)
    {
        var cells = CodeCells(Load(name));
        var checks = cells.FindLastIndex(c => Notebook.Source(c).Contains(".Verify()"));
        Assert.True(checks >= 0, $"{name} has no self-check cell");
        Assert.Contains("SelfCheckReport", Notebook.Source(cells[checks]));
        var markdown = ((JsonArray)Load(name)["cells"]!).Where(c => Notebook.CellType(c!) == "markdown").Select(c => Notebook.Source(c!)).ToList();
        Assert.Contains(markdown, m => Regex.IsMatch(m, @"(?m)^#+ .*Self-checks"));
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Committed_outputs_come_from_a_clean_run(string name)
    {
        foreach (var cell in CodeCells(Load(name)))
        {
            Assert.NotNull(cell["execution_count"]);   // executed (by the runner, classroom preset)
            foreach (var output in (JsonArray)cell["outputs"]!)
            {
                Assert.NotEqual("error", (string?)output!["output_type"]);
                // The kernel shows compiler warnings and anything written to stderr in red: a clean notebook has none.
                Assert.False((string?)output["output_type"] == "stream" && (string?)output["name"] == "stderr",
                    $"{name}: a cell has stderr output: {Notebook.Text(output["text"])}");
            }
            Assert.DoesNotContain("injected-parameters", Notebook.Tags(cell));
        }
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Markdown_types_in_no_measured_figure(string name)
    {
        // Numbers in learner text come from the computation: a summary or closing note with measured values is printed
        // by a code cell. The workable rule: after the parameters cell, Markdown (outside code) holds no decimal
        // percentage or amount of nats or bits, and no amount of time or memory. Round thresholds ("at least 5%"),
        // sizes and constants of the theory stay writable.
        var cells = (JsonArray)Load(name)["cells"]!;
        var parameters = cells.ToList().FindIndex(c => Notebook.Tags(c!).Contains("parameters"));
        var found = new List<string>();
        for (var i = parameters + 1; i < cells.Count; i++)
        {
            if (Notebook.CellType(cells[i]!) != "markdown") continue;
            var text = InlineCode().Replace(CodeBlock().Replace(Notebook.Source(cells[i]!), " "), " ");
            found.AddRange(MeasuredFigure().Matches(text).Select(m => $"cell {i}: …{text[Math.Max(0, m.Index - 40)..Math.Min(text.Length, m.Index + m.Length + 10)].ReplaceLineEndings(" ")}…"));
        }
        Assert.True(found.Count == 0, $"{name} types measured-looking figures into Markdown; print them from a code cell:\n" + string.Join("\n", found));
    }

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Learner_text_speaks_to_learners(string name)
    {
        // No word of how the course was built: issues, tickets, work items.
        var markdown = ((JsonArray)Load(name)["cells"]!).Where(c => Notebook.CellType(c!) == "markdown").Select(c => Notebook.Source(c!));
        foreach (var text in markdown)
            Assert.False(BuildTalk().IsMatch(text), $"{name}: \"{BuildTalk().Match(text).Value}\" in: {text[..Math.Min(200, text.Length)]}");
    }

    [GeneratedRegex(@"(?<![\w.\\^_{])(\d+\.\d+\s?(?:%|\\%|nats\b|bits\b)|\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds|min|minutes|MiB|MB|GiB|GB|KiB|KB|steps/s)\b)")]
    private static partial Regex MeasuredFigure();

    [GeneratedRegex(@"```.*?```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\b(issues?|tickets?|work items?|the brief|backlog)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BuildTalk();

    [GeneratedRegex(@"#r\s+""nuget:\s*(?<name>[^,""]+),\s*(?<version>[^""]+)""")]
    private static partial Regex NugetReference();
}
