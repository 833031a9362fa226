using System.CommandLine;
using GanNotebooks.Runner.Bench;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Runner;

/// <summary>
/// `gan-notebooks bench`: the course's speed and memory, each figure the median of several runs, printed as tables
/// and written to out/bench.md with the machine they were measured on. Sections (all of them when none is named):
/// the kernel's fixed costs, the core training loops (steps/s, the course's loop plumbing against a bare loop, and
/// PyTorch side by side when it is installed), each notebook's wall time and peak memory in its own process, the
/// whole course in one run, two notebooks at once against one alone, and a memory soak of long training runs.
/// </summary>
public static class Benchmark
{
    /// <summary>The section flags, in the order the sections run and are reported.</summary>
    private static readonly (string Flag, string Description)[] Sections =
    {
        ("--kernel", "Kernel start-up (to the first tensor) and cost per trivial cell."),
        ("--loops", "Steps/s of the core training loops, course plumbing vs bare loop, and PyTorch when installed."),
        ("--peer", "As --loops, and fail if PyTorch is not installed."),
        ("--notebooks", "Each notebook's wall time and peak memory, each in its own process."),
        ("--course", "The whole course in one run: wall time and peak memory."),
        ("--pair", "Each notebook alone against two copies at once."),
        ("--soak", "Resident memory along long training runs."),
    };

    public static Command Command()
    {
        var notebooks = new Argument<string[]>("notebooks") { Description = "Notebooks or folders to time (default: the course's notebooks/).", Arity = ArgumentArity.ZeroOrMore };
        var runs = new Option<int>("--runs") { Description = "Runs per figure (the median is reported).", DefaultValueFactory = _ => 3 };
        runs.Validators.Add(r => AtLeast(r, "--runs", 1));
        var preset = new Option<string>("--preset") { Description = "Preset of the notebook and course timings.", HelpName = "smoke|classroom|full", DefaultValueFactory = _ => "classroom" };
        preset.AcceptOnlyFromAmong(NotebookExecutor.PresetNames);
        var pairPreset = new Option<string>("--pair-preset") { Description = "Preset of the two-at-once timings.", HelpName = "smoke|classroom|full", DefaultValueFactory = _ => "smoke" };
        pairPreset.AcceptOnlyFromAmong(NotebookExecutor.PresetNames);
        var threads = new Option<int[]>("--threads") { Description = "Torch thread counts of the loop timings (e.g. --threads 1 2).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => new[] { 1, 2 } };
        threads.Validators.Add(r =>
        {
            foreach (var t in r.Tokens)
                if (int.TryParse(t.Value, out var n) && n < 1) r.AddError($"--threads takes counts ≥ 1; got {t.Value}.");
        });
        var soakSteps = new Option<int>("--soak-steps") { Description = "Steps of each soak run (memory is read at step 1,000 and at the end).", DefaultValueFactory = _ => 20_000 };
        soakSteps.Validators.Add(r => AtLeast(r, "--soak-steps", 2_000));
        var env = new Option<string[]>("--env") { Description = "Environment variable for every measured process (repeatable), e.g. --env OMP_WAIT_POLICY=PASSIVE.", HelpName = "NAME=VALUE" };
        env.Validators.Add(r =>
        {
            foreach (var t in r.Tokens)
                if (t.Value.IndexOf('=') <= 0) r.AddError($"--env takes NAME=VALUE; got \"{t.Value}\".");
        });
        var python = new Option<string?>("--python") { Description = "The Python with PyTorch for the peer (default: the first python3 on PATH, or /usr/bin/python3, that imports torch).", HelpName = "PATH" };
        var output = new Option<string>("--out") { Description = "Where to write the report.", HelpName = "FILE", DefaultValueFactory = _ => Path.Combine("out", "bench.md") };
        var flags = Sections.Select(s => new Option<bool>(s.Flag) { Description = s.Description }).ToArray();

        var command = new Command("bench", "Speed and memory of the course, each figure the median of several runs; written to out/bench.md. With no section flag, every section runs.")
        {
            notebooks, runs, preset, pairPreset, threads, soakSteps, env, python, output,
        };
        foreach (var f in flags) command.Options.Add(f);
        command.SetAction(p =>
        {
            var chosen = flags.Where(f => p.GetValue(f)).Select(f => f.Name).ToHashSet();
            IReadOnlyList<string> found;
            try
            {
                found = CourseRun.FindNotebooks(p.GetValue(notebooks) is { Length: > 0 } given ? given : new[] { Path.Combine(KernelProbe.RepositoryRoot, "notebooks") });
            }
            catch (NotebookException e)
            {
                Terminal.WriteError("error: " + e.Message);
                return Task.FromResult(2);
            }
            var settings = new BenchSettings
            {
                Notebooks = found,
                Runs = p.GetValue(runs),
                Preset = p.GetValue(preset)!,
                PairPreset = p.GetValue(pairPreset)!,
                Threads = p.GetValue(threads)!.Distinct().ToArray(),
                SoakSteps = p.GetValue(soakSteps),
                Environment = (p.GetValue(env) ?? Array.Empty<string>()).Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal),
                Python = p.GetValue(python),
                RequirePeer = chosen.Contains("--peer"),
                Output = p.GetValue(output)!,
            };
            bool Runs(string flag) => chosen.Count == 0 || chosen.Contains(flag);
            return BenchRun.RunAsync(settings, kernel: Runs("--kernel"), loops: Runs("--loops") || chosen.Contains("--peer"),
                notebookTimes: Runs("--notebooks"), course: Runs("--course"), pair: Runs("--pair"), soak: Runs("--soak"));
        });

        // Hidden commands that run inside the child processes the bench measures.
        var startupProbe = new Command("bench-startup-probe") { Hidden = true };
        startupProbe.SetAction(_ => KernelCosts.StartupProbeAsync());
        command.Subcommands.Add(startupProbe);
        var call = new Argument<string>("call");
        var probe = new Command("bench-probe") { Hidden = true };
        probe.Arguments.Add(call);
        probe.SetAction(p => KernelProbe.RunInThisProcessAsync(p.GetValue(call)!));
        command.Subcommands.Add(probe);
        return command;
    }

    private static void AtLeast(System.CommandLine.Parsing.OptionResult r, string name, int minimum)
    {
        // A value that is not a number is already reported by the parser.
        if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, out var n) && n < minimum) r.AddError($"{name} must be ≥ {minimum.ToString("N0", Stats.Inv)}.");
    }
}
