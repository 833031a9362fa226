using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using GanNotebooks.Display;
using GanNotebooks.Runner.Notebooks;
using GanNotebooks.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace GanNotebooks.Runner.Execution;

/// <summary>Options of one run of notebooks.</summary>
public sealed class RunOptions
{
    /// <summary>The preset to inject (null: the notebook's default).</summary>
    public string? Preset { get; init; }
    /// <summary>Parameter overrides, name → value as text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Echo console output of the cells to the terminal while they run.</summary>
    public bool Echo { get; init; } = true;
    /// <summary>Called with notes (a package mapped to another, for example).</summary>
    public Action<string> Note { get; init; } = Console.Error.WriteLine;
}

/// <summary>
/// Executes the C# cells of one notebook in order with Roslyn scripting, carrying state from cell to
/// cell as a kernel does, with the current directory set to the notebook's folder (as VS Code does).
/// </summary>
public sealed class NotebookExecutor
{
    private static readonly string[] DefaultImports =
        { "System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks" };

    private readonly PackagePins _pins;
    private readonly RunOptions _options;

    public NotebookExecutor(PackagePins pins, RunOptions options)
    {
        _pins = pins;
        _options = options;
    }

    /// <summary>Runs <paramref name="source"/>; returns the executed copy and the result.</summary>
    public (Notebook Executed, NotebookResult Result) Run(Notebook source)
    {
        TorchSharpNatives.EnsureLoadable();
        var notebook = source.Clone();
        var dir = Path.GetDirectoryName(Path.GetFullPath(source.Path))!;
        var result = new NotebookResult { Path = source.Path, Title = source.Title() };
        var preprocessor = new CellPreprocessor(_pins, dir, source.FileName, _options.Note);
        var plain = new StringBuilder();
        var clock = Stopwatch.StartNew();

        // A notebook may change process-wide torch settings (thread count); each notebook starts from the same ones,
        // as it would in its own kernel.
        var threads = TorchSharp.torch.get_num_threads();
        var originalOut = Console.Out;
        var originalDir = Directory.GetCurrentDirectory();
        var console = new CellConsole(_options.Echo ? originalOut : null);
        Console.SetOut(console);
        Directory.SetCurrentDirectory(dir);
        ScriptState<object>? state = null;
        var globals = new NotebookGlobals();
        var executionCount = 0;
        var baseOptions = ScriptOptions.Default
            .WithReferences(ReferenceAssemblies())
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(dir))
            .WithSourceResolver(new SourceFileResolver(Array.Empty<string>(), dir))
            .WithEmitDebugInformation(true)
            .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest);

        try
        {
            var cells = notebook.Cells;
            var overrides = Overrides();
            var parametersIndex = -1;
            for (var i = 0; i < cells.Count; i++)
                if (Notebook.Tags(cells[i]!).Contains("parameters")) { parametersIndex = i; break; }
            if (overrides.Count > 0 && parametersIndex < 0)
                throw new NotebookException("has no cell tagged \"parameters\", so --preset and --param cannot be applied.");

            for (var index = 0; index < cells.Count; index++)
            {
                var cell = cells[index]!;
                if (Notebook.CellType(cell) != "code") continue;
                var number = index + 1;
                var outputs = new CellOutputs();
                console.Target = outputs;
                NotebookOutput.Sink = value =>
                {
                    outputs.Display(value);
                    CountChecks(value, result);
                };
                var cellClock = Stopwatch.StartNew();
                executionCount++;
                string? error = null;
                try
                {
                    var pre = preprocessor.Process(Notebook.Source(cell), number);
                    var options = baseOptions.WithFilePath($"cell{number}.csx");
                    // A stream (UTF-8) rather than a string: Roslyn emits debug information, hence line numbers in
                    // stack traces, only for source text with a known encoding.
                    using var code = new MemoryStream(Encoding.UTF8.GetBytes(pre.Code));
                    state = state is null
                        ? CSharpScript.Create(code, options, typeof(NotebookGlobals)).RunAsync(globals, catchException: _ => true).GetAwaiter().GetResult()
                        : state.Script.ContinueWith(code, options).RunFromAsync(state, catchException: _ => true).GetAwaiter().GetResult();
                    if (state.Exception is { } ex)
                    {
                        var inner = Unwrap(ex);
                        error = $"{inner.GetType().Name}: {inner.Message}";
                        outputs.Error(inner.GetType().Name, inner.Message, Traceback(inner));
                    }
                    else if (state.ReturnValue is { } value)
                    {
                        outputs.Result(value, executionCount);
                        CountChecks(value, result);
                    }
                    if (error is null && index == parametersIndex && overrides.Count > 0)
                        InjectParameters(cells, index, state, overrides);
                    if (pre.Time) outputs.Write($"Wall time: {cellClock.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms\n");
                }
                catch (CompilationErrorException ce)
                {
                    error = "compilation error: " + string.Join("; ", ce.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe));
                    outputs.Error("CompilationError", error, ce.Diagnostics.Select(Describe));
                }
                catch (NotebookException ne)
                {
                    error = ne.Message;
                    outputs.Error("NotebookError", ne.Message, new[] { ne.Message });
                }

                cell["outputs"] = outputs.ToJson();
                cell["execution_count"] = executionCount;
                SetElapsed(cell, cellClock.Elapsed);
                result.CellsRun++;
                foreach (var o in (JsonArray)cell["outputs"]!) plain.Append(PlainText(o!));
                if (error is not null)
                {
                    result.FailedCell = number;
                    result.Error = $"{source.FileName}, cell {number}: {error}";
                    break;
                }
            }
        }
        catch (NotebookException ne)
        {
            result.Error = $"{source.FileName}: {ne.Message}";
        }
        finally
        {
            NotebookOutput.Sink = null;
            console.Target = null;
            TorchSharp.torch.set_num_threads(threads);
            Console.SetOut(originalOut);
            Directory.SetCurrentDirectory(originalDir);
            result.CodeCells = notebook.Cells.Count(c => c is not null && Notebook.CellType(c) == "code");
            result.Elapsed = clock.Elapsed;
            result.PlainTextOutput = plain.ToString();
        }
        return (notebook, result);
    }

    /// <summary>The overrides asked for: --param values, and --preset as the parameter "preset".</summary>
    private Dictionary<string, string> Overrides()
    {
        var overrides = new Dictionary<string, string>(_options.Parameters);
        if (_options.Preset is { } preset)
        {
            Require.OneOf(preset, GanNotebooks.Runtime.Preset.Names, "--preset");
            overrides["preset"] = preset;
        }
        return overrides;
    }

    /// <summary>
    /// After the parameters cell ran, builds the overriding cell (typed like the defaults the cell produced)
    /// and inserts it right after the parameters cell.
    /// </summary>
    private static void InjectParameters(JsonArray cells, int parametersIndex, ScriptState<object> state, Dictionary<string, string> overrides)
    {
        var parameters = new ParameterCell(Notebook.Source(cells[parametersIndex]!));
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var name in parameters.Names)
            if (state.GetVariable(name) is { } variable)
                types[name] = variable.Type;
        var origin = string.Join(" ", overrides.Select(o => o.Key == "preset" ? $"--preset {o.Value}" : $"--param {o.Key}={o.Value}"));
        var code = parameters.Inject(overrides, types, origin);
        cells.Insert(parametersIndex + 1, new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = Guid.NewGuid().ToString("N")[..8],
            ["metadata"] = new JsonObject
            {
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                ["tags"] = new JsonArray("injected-parameters"),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = Notebook.Lines(code),
        });
    }

    // Everything the runner has loaded (the framework, TorchSharp, SkiaSharp, the library), as a kernel that has
    // restored the same packages would see it. An assembly whose file is gone (a notebook's temporary DLL) is skipped.
    private static IEnumerable<Assembly> ReferenceAssemblies() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location) && File.Exists(a.Location))
            .Concat(new[] { typeof(Displayable).Assembly, typeof(TorchSharp.torch).Assembly, typeof(SkiaSharp.SKBitmap).Assembly })
            .Distinct();

    private static void CountChecks(object value, NotebookResult result)
    {
        if (value is not SelfCheckReport report) return;
        result.SelfChecksPassed += report.Checks.Count(c => c.Passed);
        result.SelfChecksFailed += report.Checks.Count(c => !c.Passed);
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is TargetInvocationException or AggregateException && e.InnerException is not null) e = e.InnerException!;
        return e;
    }

    private static IEnumerable<string> Traceback(Exception e)
    {
        yield return $"{e.GetType().FullName}: {e.Message}";
        foreach (var line in (e.StackTrace ?? "").Split('\n'))
        {
            var l = line.TrimEnd();
            // Frames of the runner and of Roslyn's plumbing say nothing about the notebook.
            if (l.Length == 0 || l.Contains("Microsoft.CodeAnalysis.Scripting") || l.Contains("GanNotebooks.Runner")) continue;
            yield return l;
        }
    }

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static void SetElapsed(JsonNode cell, TimeSpan elapsed)
    {
        var metadata = cell["metadata"] as JsonObject ?? new JsonObject();
        cell["metadata"] = metadata;
        metadata["gan_notebooks"] = new JsonObject { ["elapsed_s"] = Math.Round(elapsed.TotalSeconds, 2) };
    }

    private static string PlainText(JsonNode output)
    {
        var type = (string?)output["output_type"];
        return type switch
        {
            "stream" => Notebook.Text(output["text"]),
            "error" => $"{output["ename"]}: {output["evalue"]}\n",
            _ => Notebook.Text(output["data"]?["text/plain"]) + "\n",
        };
    }
}
