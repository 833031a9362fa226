using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using GanNotebooks.Runner.Kernel;
using GanNotebooks.Runner.Notebooks;
using Microsoft.DotNet.Interactive.Documents;

namespace GanNotebooks.Runner.Execution;

/// <summary>Options of one run of notebooks.</summary>
public sealed class RunOptions
{
    /// <summary>The preset to inject (null: the notebook's default).</summary>
    public string? Preset { get; init; }
    /// <summary>Parameter overrides, name → value as text.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Echo what the cells print and show to the terminal while they run.</summary>
    public bool Echo { get; init; } = true;
    /// <summary>Called with notes (a package mapped to another, for example).</summary>
    public Action<string> Note { get; init; } = Console.Error.WriteLine;
    /// <summary>Print each cell's wall time to the terminal as it finishes (never into the notebook).</summary>
    public bool Profile { get; init; }
}

/// <summary>
/// Runs one notebook in a fresh .NET Interactive C# kernel, cell by cell, with the current directory set to the
/// notebook's folder (as VS Code and Jupyter do), and records what the kernel emitted for each cell. Around the
/// kernel it applies the course's policy: pinned package versions (<see cref="CellPolicy"/>), the parameters cell
/// with <c>--preset</c>/<c>--param</c>, and a clean run (no compiler warning, nothing on stderr).
/// </summary>
public sealed partial class NotebookExecutor
{
    /// <summary>The presets every notebook's parameters cell understands (the library's Preset.Names).</summary>
    public static readonly string[] PresetNames = { "smoke", "classroom", "full" };

    /// <summary>The id of the cell the runner inserts after the parameters cell.</summary>
    public const string InjectedCellId = "injected-parameters";

    private readonly PackagePins _pins;
    private readonly RunOptions _options;

    public NotebookExecutor(PackagePins pins, RunOptions options)
    {
        _pins = pins;
        _options = options;
    }

    /// <summary>Runs the notebook at <paramref name="path"/>; returns the executed document and the result.</summary>
    public async Task<(InteractiveDocument Executed, NotebookResult Result)> RunAsync(string path)
    {
        var overrides = Overrides();
        var document = NotebookFile.Load(path);
        var name = Path.GetFileName(path);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var result = new NotebookResult { Path = path, Title = NotebookFile.Title(document, path) };
        var policy = new CellPolicy(_pins, dir, name, _options.Note);
        var cells = document.Elements;
        var clock = Stopwatch.StartNew();
        var originalDir = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(dir);
        try
        {
            var parametersIndex = IndexOfTag(cells, "parameters");
            if (overrides.Count > 0 && parametersIndex < 0)
                throw new NotebookException($"{name} has no cell tagged \"parameters\", so --preset and --param cannot be applied.");

            using var session = new KernelSession();
            using var echo = _options.Echo ? session.Events.Subscribe(Terminal.Echo) : null;
            var displays = new Dictionary<string, DisplayElement>();
            var executionCount = 0;
            for (var index = 0; index < cells.Count; index++)
            {
                var cell = cells[index];
                if (!NotebookFile.IsCode(cell)) continue;
                var number = index + 1;
                var outputs = new CellOutputs(displays, ++executionCount);
                var cellClock = Stopwatch.StartNew();
                string? error = null;
                try
                {
                    foreach (var e in await session.SubmitAsync(policy.Apply(cell.Contents, number))) outputs.Add(e);
                    if (outputs.Failure is { } failure)
                        error = $"{name}, cell {number}{LineOf(failure.Exception)}: {Describe(failure)}";
                    else if (index == parametersIndex && overrides.Count > 0)
                        cells.Insert(index + 1, InjectedCell(cell.Contents, overrides, session));
                }
                catch (NotebookException e)
                {
                    error = e.Message;
                    outputs.Fail("NotebookError", e.Message);
                }

                cell.Outputs.Clear();
                cell.Outputs.AddRange(outputs.ToElements());
                cell.ExecutionOrder = executionCount;
                cell.Metadata?.Remove("gan_notebooks");   // per-cell timings of older runners: not reproducible
                result.CellsRun++;
                result.CellSeconds.Add((number, Math.Round(cellClock.Elapsed.TotalSeconds, 3)));
                if (_options.Profile) Terminal.WriteError($"   cell {number}: {cellClock.Elapsed.TotalSeconds:F2} s");
                result.Problems.AddRange(outputs.Warnings.Select(w => $"{name}, cell {number}: compiler warning: {w}"));
                if (outputs.Warnings.Count == 0 && outputs.StandardError.Length > 0 && error is null)
                    result.Problems.Add($"{name}, cell {number}: wrote to stderr: {First(outputs.StandardError.ToString())}");
                if (error is not null)
                {
                    result.FailedCell = number;
                    result.Error = error;
                    // The cells after it never ran: no outputs, no execution count (as after "Run All" stops).
                    foreach (var later in cells.Skip(index + 1).Where(NotebookFile.IsCode))
                    {
                        later.Outputs.Clear();
                        later.ExecutionOrder = 0;
                    }
                    break;
                }
            }
        }
        catch (NotebookException e)
        {
            result.Error = e.Message;
        }
        finally
        {
            Directory.SetCurrentDirectory(originalDir);
            result.Elapsed = clock.Elapsed;
            result.CodeCells = cells.Count(NotebookFile.IsCode);
            Summarise(document, result);
        }
        return (document, result);
    }

    /// <summary>The overrides asked for: --param values, and --preset as the parameter "preset".</summary>
    private Dictionary<string, string> Overrides()
    {
        var overrides = new Dictionary<string, string>(_options.Parameters);
        if (_options.Preset is { } preset)
        {
            if (!PresetNames.Contains(preset))
                throw new ArgumentException($"--preset must be one of {string.Join(", ", PresetNames)}; got \"{preset}\".");
            overrides["preset"] = preset;
        }
        return overrides;
    }

    /// <summary>
    /// The cell inserted right after the parameters cell: it repeats the declarations with the overridden values
    /// as literals of the types the parameters cell produced, so values computed from the preset are recomputed.
    /// </summary>
    private static InteractiveDocumentElement InjectedCell(string parametersSource, Dictionary<string, string> overrides, KernelSession session)
    {
        var parameters = new ParameterCell(parametersSource);
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var name in parameters.Names)
            if (session.VariableType(name) is { } type)
                types[name] = type;
        var origin = string.Join(" ", overrides.Select(o => o.Key == "preset" ? $"--preset {o.Value}" : $"--param {o.Key}={o.Value}"));
        return NotebookFile.NewCodeCell(InjectedCellId, parameters.Inject(overrides, types, origin), "injected-parameters");
    }

    private static int IndexOfTag(IList<InteractiveDocumentElement> cells, string tag)
    {
        for (var i = 0; i < cells.Count; i++)
            if (NotebookFile.Tags(cells[i]).Contains(tag)) return i;
        return -1;
    }

    private static string Describe((Exception? Exception, string Message) failure) =>
        failure.Exception is { } e ? $"{e.GetType().Name}: {e.Message}" : failure.Message.Trim();

    /// <summary>", line N" for an exception thrown by the cell's own code (the kernel's top-level frame of it).</summary>
    private static string LineOf(Exception? exception)
    {
        if (exception?.StackTrace is not { } trace) return "";
        var match = CellFrame().Matches(trace).LastOrDefault();
        return match is null ? "" : $", line {match.Groups["line"].Value}";
    }

    private static void Summarise(InteractiveDocument document, NotebookResult result)
    {
        var plain = new StringBuilder();
        foreach (var output in document.Elements.SelectMany(c => c.Outputs))
        {
            var text = output switch
            {
                TextElement t => t.Text,
                ErrorElement e => $"{e.ErrorName}: {e.ErrorValue}\n",
                _ when NotebookFile.Data(output) is { } d => PlainText(d) + "\n",
                _ => "",
            };
            plain.Append(text);
            if (NotebookFile.Data(output) is not null && text.StartsWith("Self-checks:", StringComparison.Ordinal))
                foreach (var line in text.Split('\n'))
                {
                    if (line.StartsWith("PASS ", StringComparison.Ordinal)) result.SelfChecksPassed++;
                    if (line.StartsWith("FAIL ", StringComparison.Ordinal)) result.SelfChecksFailed++;
                }
        }
        result.PlainTextOutput = plain.ToString();
    }

    // The text/plain form, or the text of the HTML form for values the kernel shows as HTML only (numbers, for example).
    private static string PlainText(IDictionary<string, object> data)
    {
        if (data.TryGetValue("text/plain", out var plain)) return NotebookFile.Text(plain);
        if (!data.TryGetValue("text/html", out var html)) return "";
        var text = HtmlTag().Replace(StyleOrScript().Replace(NotebookFile.Text(html), ""), "");
        return System.Net.WebUtility.HtmlDecode(text).Trim();
    }

    private static string First(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    [GeneratedRegex(@"<(style|script)\b.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex StyleOrScript();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"Submission#\d+\.<<Initialize>>\S*\s+in\s+\S*:line (?<line>\d+)")]
    private static partial Regex CellFrame();
}
