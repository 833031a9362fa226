using System.Diagnostics;
using System.Text.Json.Nodes;
using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Notebooks;

namespace GanNotebooks.Tests.Runner;

public class RunnerTests
{
    private static string Fixture(string name) => Repo.Path("tests", "GanNotebooks.Tests", "Fixtures", name);

    private static (Notebook Executed, NotebookResult Result) Run(string fixture, string? preset = null, Dictionary<string, string>? parameters = null)
    {
        var executor = new NotebookExecutor(PackagePins.Embedded(), new RunOptions
        {
            Preset = preset, Parameters = parameters ?? new Dictionary<string, string>(), Echo = false, Note = _ => { },
        });
        return executor.Run(Notebook.Load(Fixture(fixture)));
    }

    [Fact]
    public void Parameter_override_and_preset_change_the_output()
    {
        var (_, defaults) = Run("parameters.ipynb");
        Assert.True(defaults.Succeeded, defaults.Error);
        Assert.Contains("count=5 rate=0.5 label=default verbose=False", defaults.PlainTextOutput);

        var (executed, overridden) = Run("parameters.ipynb", preset: "smoke",
            parameters: new() { ["rate"] = "0.25", ["label"] = "hello \"world\"", ["verbose"] = "true" });
        Assert.True(overridden.Succeeded, overridden.Error);
        Assert.Contains("count=2 rate=0.25 label=hello \"world\" verbose=True", overridden.PlainTextOutput);
        Assert.Contains("20", overridden.PlainTextOutput);   // the cell's return value, count * 10

        // The injected cell sits right after the parameters cell, tagged as papermill does.
        var cells = executed.Cells;
        var parametersIndex = cells.ToList().FindIndex(c => Notebook.Tags(c!).Contains("parameters"));
        Assert.Contains("injected-parameters", Notebook.Tags(cells[parametersIndex + 1]!));
        Assert.Contains("var rate = 0.25d;", Notebook.Source(cells[parametersIndex + 1]!));
    }

    [Fact]
    public void Unknown_parameter_is_a_clear_error_listing_the_parameters()
    {
        var (_, result) = Run("parameters.ipynb", parameters: new() { ["cuont"] = "3" });
        Assert.False(result.Succeeded);
        Assert.Contains("Unknown parameter 'cuont'", result.Error);
        Assert.Contains("count (int)", result.Error);
        Assert.Contains("rate (double)", result.Error);
    }

    [Fact]
    public void Badly_typed_value_is_a_clear_error()
    {
        var (_, result) = Run("parameters.ipynb", parameters: new() { ["count"] = "many" });
        Assert.False(result.Succeeded);
        Assert.Contains("Parameter 'count' is int; \"many\" is not a valid int", result.Error);
    }

    [Fact]
    public void Unknown_preset_is_rejected_with_the_list()
    {
        var e = Assert.Throws<ArgumentException>(() => Run("parameters.ipynb", preset: "huge"));
        Assert.Contains("smoke, classroom, full", e.Message);
    }

    [Fact]
    public void Failing_cell_stops_the_run_and_is_named()
    {
        var (executed, result) = Run("failing.ipynb");
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.FailedCell);
        Assert.Contains("cell 3", result.Error);
        Assert.Contains("boom in the third cell", result.Error);
        var outputs = (JsonArray)executed.Cells[2]!["outputs"]!;
        var error = outputs.Single(o => (string?)o!["output_type"] == "error")!;
        Assert.Equal("InvalidOperationException", (string?)error["ename"]);
        Assert.Contains(((JsonArray)error["traceback"]!).Select(t => (string?)t), t => t!.Contains("cell3.csx:line 2"));
        Assert.Null(executed.Cells[3]!["execution_count"]);   // never ran
    }

    [Fact]
    public void Version_mismatch_in_r_nuget_is_caught_with_both_versions()
    {
        var (_, result) = Run("version-mismatch.ipynb");
        Assert.False(result.Succeeded);
        Assert.Contains("cell 2, line 1", result.Error);
        Assert.Contains("TorchSharp-cpu 0.105.0", result.Error);
        Assert.Contains("pins TorchSharp-cpu 0.107.0", result.Error);
    }

    [Fact]
    public void Unsupported_magic_is_rejected_by_name()
    {
        var (_, result) = Run("magic.ipynb");
        Assert.False(result.Succeeded);
        Assert.Contains("#!fsharp is not supported", result.Error);
    }

    [Fact]
    public void Outputs_keep_their_order_and_carry_html_and_text()
    {
        var (executed, result) = Run("display.ipynb");
        Assert.Equal(4, result.FailedCell);                         // the compile error of the last cell
        Assert.Contains("CS0029", result.Error);
        var outputs = ((JsonArray)executed.Cells[2]!["outputs"]!).Select(o => (string?)o!["output_type"]).ToArray();
        Assert.Equal(new[] { "stream", "display_data", "stream", "execute_result" }, outputs);
        var result3 = executed.Cells[2]!["outputs"]![3]!;
        Assert.Contains("Plotly.newPlot", Notebook.Text(result3["data"]!["text/html"]));
        Assert.StartsWith("Figure 'f'", Notebook.Text(result3["data"]!["text/plain"]));
    }

    [Fact]
    public void Command_line_exits_non_zero_and_names_the_cell()
    {
        var runner = Path.Combine(AppContext.BaseDirectory, "gan-notebooks.dll");
        var out_ = Directory.CreateTempSubdirectory("runner-out").FullName;
        var psi = new ProcessStartInfo("dotnet", new[] { runner, "run", Fixture("failing.ipynb"), "--out", out_, "--quiet" })
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("failing.ipynb, cell 3", stdout + stderr);
        Assert.True(File.Exists(Path.Combine(out_, "failing.ipynb")));
        Assert.True(File.Exists(Path.Combine(out_, "failing.html")));
        Assert.Contains("failed at cell 3", File.ReadAllText(Path.Combine(out_, "index.html")));
        Directory.Delete(out_, true);
    }

    [Theory]
    [InlineData("n", "42", typeof(int), "42")]
    [InlineData("n", "-7", typeof(long), "-7L")]
    [InlineData("lr", "1e-4", typeof(double), "0.0001d")]
    [InlineData("lr", "0.5", typeof(float), "0.5f")]
    [InlineData("on", "True", typeof(bool), "true")]
    [InlineData("s", "a\"b", typeof(string), "\"a\\\"b\"")]
    public void Values_become_literals_of_the_default_type(string name, string value, Type type, string literal) =>
        Assert.Equal(literal, ParameterCell.Literal(name, value, type));

    [Fact]
    public void Notebook_writer_sorts_keys_and_indents_like_VS_Code()
    {
        var json = NotebookWriter.ToJson(new JsonObject { ["b"] = 1, ["a"] = new JsonArray("x≤y") });
        Assert.Equal("{\n \"a\": [\n  \"x≤y\"\n ],\n \"b\": 1\n}\n", json);
    }
}
