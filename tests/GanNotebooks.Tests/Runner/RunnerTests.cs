using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace GanNotebooks.Tests.Runner;

/// <summary>The runner around the kernel: the course's policy, and what it records of each cell.</summary>
public class RunnerTests
{
    private static string Fixture(string name) => Repo.Path("tests", "GanNotebooks.Tests", "Fixtures", name);

    private static Task<(InteractiveDocument Executed, NotebookResult Result)> Run(string fixture, string? preset = null, Dictionary<string, string>? parameters = null)
    {
        var executor = new NotebookExecutor(PackagePins.Embedded(), new RunOptions
        {
            Preset = preset, Parameters = parameters ?? new Dictionary<string, string>(), Echo = false, Note = _ => { },
        });
        return executor.RunAsync(Fixture(fixture));
    }

    private static IReadOnlyList<InteractiveDocumentOutputElement> Outputs(InteractiveDocument document, int index) => document.Elements[index].Outputs;

    [Fact]
    public async Task Parameter_override_and_preset_change_the_output()
    {
        var (_, defaults) = await Run("parameters.ipynb");
        Assert.True(defaults.Succeeded, defaults.Error);
        Assert.Contains("count=5 rate=0.5 label=default verbose=False", defaults.PlainTextOutput);

        var (executed, overridden) = await Run("parameters.ipynb", preset: "smoke",
            parameters: new() { ["rate"] = "0.25", ["label"] = "hello \"world\"", ["verbose"] = "true" });
        Assert.True(overridden.Succeeded, overridden.Error);
        Assert.Contains("count=2 rate=0.25 label=hello \"world\" verbose=True", overridden.PlainTextOutput);
        Assert.Contains("20", overridden.PlainTextOutput);   // the cell's return value, count * 10

        // The injected cell sits right after the parameters cell, tagged as papermill does.
        var cells = executed.Elements;
        var parametersIndex = cells.ToList().FindIndex(c => NotebookFile.Tags(c).Contains("parameters"));
        Assert.Contains("injected-parameters", NotebookFile.Tags(cells[parametersIndex + 1]));
        Assert.Contains("var rate = 0.25d;", cells[parametersIndex + 1].Contents);
        Assert.Equal(1, overridden.SelfChecksPassed);
    }

    [Fact]
    public async Task Unknown_parameter_is_a_clear_error_listing_the_parameters()
    {
        var (_, result) = await Run("parameters.ipynb", parameters: new() { ["cuont"] = "3" });
        Assert.False(result.Succeeded);
        Assert.Contains("Unknown parameter 'cuont'", result.Error);
        Assert.Contains("count (int)", result.Error);
        Assert.Contains("rate (double)", result.Error);
    }

    [Fact]
    public async Task Badly_typed_value_is_a_clear_error()
    {
        var (_, result) = await Run("parameters.ipynb", parameters: new() { ["count"] = "many" });
        Assert.False(result.Succeeded);
        Assert.Contains("Parameter 'count' is int; \"many\" is not a valid int", result.Error);
    }

    [Fact]
    public async Task Unknown_preset_is_rejected_with_the_list()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Run("parameters.ipynb", preset: "huge"));
        Assert.Contains("smoke, classroom, full", e.Message);
    }

    [Fact]
    public void The_runner_knows_the_library_presets() =>
        Assert.Equal(GanNotebooks.Runtime.Preset.Names, NotebookExecutor.PresetNames);

    [Fact]
    public void The_pages_carry_the_plotly_js_the_charts_are_written_for()
    {
        Assert.Equal(GanNotebooks.Plots.Figure.PlotlyJsVersion, GanNotebooks.Runner.Reports.HtmlExporter.PlotlyJsVersion);
        Assert.True(File.Exists(Repo.Path("lib", "GanNotebooks.Runner", "Assets", "plotly", $"plotly-{GanNotebooks.Plots.Figure.PlotlyJsVersion}.min.js")));
    }

    [Fact]
    public void A_Plotly_NET_chart_still_needs_the_FSharp_Core_cell_in_the_kernel()
    {
        // The course's charts are not Plotly.NET because of this (notebooks/README.md). The day a plain Plotly.NET chart
        // renders, this fails: revisit that decision. Run by the runner's own process, whose FSharp.Core is the
        // kernel's (10.0.0.0), as in the dotnet-interactive tool.
        var outDir = Directory.CreateTempSubdirectory("plotly").FullName;
        try
        {
            var (_, output, plain) = RunnerProcess.RunNotebook(Fixture("plotly-net.ipynb"), outDir);
            Assert.True(plain.Error?.Contains("Could not load file or assembly 'FSharp.Core, Version=10.1.0.0") == true,
                "A Plotly.NET chart now renders in the kernel without help: revisit the chart decision.\n" + plain.Error + output);
            var (_, output2, helped) = RunnerProcess.RunNotebook(Fixture("plotly-net-fsharp-core.ipynb"), outDir);
            Assert.True(helped.Succeeded, helped.Error + output2);
        }
        finally { Directory.Delete(outDir, true); }
    }

    [Fact]
    public async Task Failing_cell_stops_the_run_and_is_named_with_its_line()
    {
        var (executed, result) = await Run("failing.ipynb");
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.FailedCell);
        Assert.Equal("failing.ipynb, cell 3, line 2: InvalidOperationException: boom in the third cell", result.Error);
        var error = Assert.IsType<ErrorElement>(Outputs(executed, 2).Single());
        Assert.Equal("InvalidOperationException", error.ErrorName);
        Assert.Equal("boom in the third cell", error.ErrorValue);
        Assert.Equal(0, executed.Elements[3].ExecutionOrder);   // never ran
        Assert.Empty(Outputs(executed, 3));
    }

    [Fact]
    public async Task Compilation_error_is_reported_as_the_kernel_shows_it()
    {
        var (executed, result) = await Run("display.ipynb");
        Assert.Equal(4, result.FailedCell);
        Assert.Contains("CS0029", result.Error);
        var outputs = Outputs(executed, 3);
        // As in Jupyter: the diagnostics on stderr, then an error that says "compilation error".
        Assert.Contains("error CS0029", Assert.IsType<TextElement>(outputs[0]).Text);
        Assert.Equal("stderr", ((TextElement)outputs[0]).Name);
        Assert.Equal("compilation error", Assert.IsType<ErrorElement>(outputs[1]).ErrorValue);
    }

    [Fact]
    public async Task Version_mismatch_in_r_nuget_is_caught_with_both_versions()
    {
        var (_, result) = await Run("version-mismatch.ipynb");
        Assert.False(result.Succeeded);
        Assert.Contains("cell 2, line 1", result.Error);
        Assert.Contains("TorchSharp-cpu 0.105.0", result.Error);
        Assert.Contains("pins TorchSharp-cpu 0.107.0", result.Error);
    }

    [Fact]
    public async Task A_magic_command_the_kernel_does_not_have_fails_in_the_kernel()
    {
        var (executed, result) = await Run("magic.ipynb");
        Assert.False(result.Succeeded);
        Assert.Equal(2, result.FailedCell);
        Assert.Contains(Outputs(executed, 1), o => o is ErrorElement);
    }

    [Fact]
    public async Task Outputs_keep_their_order_and_carry_html_and_text()
    {
        var (executed, _) = await Run("display.ipynb");
        var outputs = Outputs(executed, 2);
        Assert.Equal(new[] { typeof(TextElement), typeof(DisplayElement), typeof(TextElement), typeof(ReturnValueElement) }, outputs.Select(o => o.GetType()));
        var chart = ((ReturnValueElement)outputs[3]).Data;
        Assert.Contains("Plotly.newPlot", (string)chart["text/html"]);
        Assert.StartsWith("Figure 'f'", (string)chart["text/plain"]);
        Assert.Equal("first\n", ((TextElement)outputs[0]).Text);
    }

    [Fact]
    public async Task A_compiler_warning_surfaces_on_stderr_and_fails_the_run()
    {
        var (executed, result) = await Run("warning.ipynb");
        Assert.Null(result.Error);                       // every cell ran...
        Assert.Equal(3, result.CellsRun);
        Assert.False(result.Succeeded);                  // ...but a learner would see a red warning
        Assert.Contains("CS8632", Assert.Single(result.Problems));
        Assert.Contains("warning.ipynb, cell 3", result.Problems[0]);
        var stderr = Outputs(executed, 2).OfType<TextElement>().Single(t => t.Name == "stderr");
        Assert.Contains("warning CS8632", stderr.Text);
        Assert.Contains("after the warning", result.PlainTextOutput);
    }

    [Fact]
    public async Task A_type_only_the_runners_process_has_is_unknown_to_the_notebook_as_in_VS_Code()
    {
        // The runner itself uses Markdig (for the HTML pages), so Markdig is loaded in this process; a kernel compiles
        // cells only against what they reference, so the notebook cannot use it.
        _ = typeof(Markdig.Markdown);
        var (_, result) = await Run("runner-only-type.ipynb");
        Assert.False(result.Succeeded);
        Assert.Contains("CS0246", result.Error);
        Assert.Contains("Markdig", result.Error);
    }

    [Fact]
    public async Task A_display_update_is_recorded_as_Jupyter_records_it()
    {
        // Jupyter replaces a displayed value when an update carries its id. The kernel this course pins gives the
        // update of a value shown with display(...) another id than the one it was shown with, so in Jupyter (and
        // here) the first value stays: the course therefore never updates a display. The day the kernel fixes it,
        // this test fails and the library's Progress can show a live line instead of milestones.
        var (executed, result) = await Run("display-update.ipynb");
        Assert.True(result.Succeeded, result.Error);
        var shown = Assert.IsType<DisplayElement>(Assert.Single(Outputs(executed, 1)));
        Assert.Equal("step 1 of 3", shown.Data["text/plain"]);
        Assert.Equal("updated\n", Assert.IsType<TextElement>(Assert.Single(Outputs(executed, 2))).Text);
    }

    [Fact]
    public void Command_line_exits_non_zero_and_names_the_cell()
    {
        var outDir = Directory.CreateTempSubdirectory("runner-out").FullName;
        try
        {
            var (code, output) = RunnerProcess.Run("run", Fixture("failing.ipynb"), "--out", outDir, "--quiet");
            Assert.Equal(1, code);
            Assert.Contains("failing.ipynb, cell 3, line 2", output);
            Assert.True(File.Exists(Path.Combine(outDir, "failing.ipynb")));
            Assert.True(File.Exists(Path.Combine(outDir, "failing.html")));
            Assert.Contains("failed at cell 3", File.ReadAllText(Path.Combine(outDir, "index.html")));
        }
        finally { Directory.Delete(outDir, true); }
    }

    [Theory]
    [InlineData(new[] { "run" }, "notebooks")]
    [InlineData(new[] { "run", "x.ipynb", "--preset", "huge" }, "huge")]
    [InlineData(new[] { "run", "x.ipynb", "--param", "seed" }, "--param takes Name=Value")]
    [InlineData(new[] { "bench", "--runs", "many" }, "many")]
    [InlineData(new[] { "bench", "--runs", "0" }, "--runs must be ≥ 1")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new[] { "data", "download", "cifar" }, "cifar")]
    [InlineData(new[] { "run", "no-such.ipynb" }, "no-such.ipynb: no such notebook or folder")]
    public void Every_bad_argument_gets_a_one_line_error_and_usage_never_a_stack_trace(string[] args, string mention)
    {
        var (code, output) = RunnerProcess.Run(args);
        Assert.Equal(2, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(mention, output);
        Assert.DoesNotContain("   at ", output);
        Assert.True(lines.Length <= 2, output);
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
    public void Notebooks_round_trip_through_the_kernels_document_model_unchanged()
    {
        foreach (var path in Repo.Notebooks())
            Assert.True(File.ReadAllText(path) == NotebookFile.ToJson(NotebookFile.Load(path)), $"{Path.GetFileName(path)} changes when read and written");
    }
}
