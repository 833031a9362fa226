using System.Text.Json.Nodes;

namespace GanNotebooks.Tests.Schema;

/// <summary>Every notebook, and every notebook the runner writes, is valid nbformat 4.5 by the official schema.</summary>
public class NotebookSchemaTests
{
    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Committed_notebook_is_valid_nbformat_4_5(string name)
    {
        var errors = NotebookSchema.Validate(JsonNode.Parse(File.ReadAllText(Repo.Path("notebooks", name)))!);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }

    [Fact]
    public void The_validator_rejects_what_the_schema_forbids()
    {
        var good = JsonNode.Parse(File.ReadAllText(Repo.Path("notebooks", "00-setup.ipynb")))!;
        Assert.Empty(NotebookSchema.Validate(good));

        var noId = good.DeepClone();
        ((JsonObject)noId["cells"]![0]!).Remove("id");
        Assert.NotEmpty(NotebookSchema.Validate(noId));

        var badOutput = good.DeepClone();
        var code = ((JsonArray)badOutput["cells"]!).First(c => (string?)c!["cell_type"] == "code")!;
        code["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout" });   // no "text"
        Assert.NotEmpty(NotebookSchema.Validate(badOutput));

        var badMinor = good.DeepClone();
        badMinor["nbformat"] = 3;
        Assert.NotEmpty(NotebookSchema.Validate(badMinor));
    }

    [Fact]
    public async Task Runner_output_is_valid_nbformat_4_5()
    {
        var outDir = Directory.CreateTempSubdirectory("schema-out").FullName;
        try
        {
            await GanNotebooks.Runner.Execution.CourseRun.RunAsync(new[] { Repo.Path("tests", "GanNotebooks.Tests", "Fixtures", "display.ipynb") },
                new GanNotebooks.Runner.Execution.RunOptions { Echo = false, Note = _ => { } }, outDir);
            var errors = NotebookSchema.Validate(JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "display.ipynb")))!);
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        }
        finally { Directory.Delete(outDir, true); }
    }
}
