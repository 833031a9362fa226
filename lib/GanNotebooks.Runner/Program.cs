using GanNotebooks.Runner;
using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Notebooks;
using GanNotebooks.Runner.Reports;
using GanNotebooks.Runtime;

// gan-notebooks: runs the course's notebooks headless. Usage is in Usage below and in README.md.
TorchSharpNatives.EnsureLoadable();
try
{
    return args.Length == 0 ? Usage(1) : args[0] switch
    {
        "run" => RunCommand(args[1..]),
        "params" => ParamsCommand(args[1..]),
        "doctor" => Doctor.Run(),
        "data" => DataCommand.Run(args[1..]),
        "bench" => Benchmark.Run(args[1..]),
        "bench-startup-probe" => Benchmark.StartupProbe(),
        "help" or "--help" or "-h" => Usage(0),
        _ => Usage(1, $"unknown command '{args[0]}'"),
    };
}
catch (Exception e) when (e is NotebookException or ArgumentException or InvalidDataException or GanNotebooks.Data.DataFileException)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 2;
}

static int RunCommand(string[] args)
{
    var paths = new List<string>();
    var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
    string? preset = null, outDir = null;
    var writeBack = false;
    var quiet = false;
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        switch (args[i])
        {
            case "--preset": preset = Next(); break;
            case "--out": outDir = Next(); break;
            case "--write-back": writeBack = true; break;
            case "--quiet": quiet = true; break;
            case "--param":
                var kv = Next();
                var eq = kv.IndexOf('=');
                if (eq <= 0) throw new ArgumentException($"--param takes Name=Value; got \"{kv}\".");
                parameters[kv[..eq]] = kv[(eq + 1)..];
                break;
            default:
                if (args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unknown option {args[i]} (see `gan-notebooks help`).");
                paths.Add(args[i]);
                break;
        }
    }
    if (paths.Count == 0) throw new ArgumentException("run needs a notebook or a folder, e.g. `run notebooks`.");
    var options = new RunOptions { Preset = preset, Parameters = parameters, Echo = !quiet };
    var results = CourseRun.Run(CourseRun.FindNotebooks(paths), options, outDir, writeBack);
    Console.WriteLine();
    Console.WriteLine(Summary.Table(results));
    if (outDir is not null) Console.WriteLine($"Executed notebooks and HTML pages: {Path.GetFullPath(outDir)} (open index.html)");
    return results.All(r => r.Succeeded) ? 0 : 1;
}

static int ParamsCommand(string[] args)
{
    if (args.Length != 1) throw new ArgumentException("params takes one notebook.");
    var notebook = Notebook.Load(args[0]);
    var cell = notebook.Cells.FirstOrDefault(c => Notebook.Tags(c!).Contains("parameters"))
               ?? throw new NotebookException($"{args[0]} has no cell tagged \"parameters\".");
    Console.WriteLine(Notebook.Source(cell!));
    return 0;
}

static int Usage(int code, string? problem = null)
{
    if (problem is not null) Console.Error.WriteLine("error: " + problem);
    Console.WriteLine("""
        gan-notebooks: run the GAN course's notebooks without Jupyter.

          run <notebook.ipynb|folder>... [--preset smoke|classroom|full] [--param Name=Value]...
              [--out DIR] [--write-back] [--quiet]
              Executes the C# cells in order. --out writes executed notebooks, HTML pages and index.html.
              --write-back saves the outputs into the source notebooks (how committed outputs are made).
              Exit code 0 when every notebook ran clean, 1 when a cell failed, 2 on bad usage.
          params <notebook.ipynb>     shows a notebook's parameters cell
          doctor                      makes TorchSharp loadable for .NET Interactive on older Linux,
                                      proves it with a tensor operation, reports CUDA
          bench [notebook...] [--runs N] [--classroom]
                                      speed figures (median of N runs): TorchSharp start-up, runner
                                      overhead per cell, smoke (and classroom) time and peak memory
        """ + DataCommand.UsageText);
    return code;
}
