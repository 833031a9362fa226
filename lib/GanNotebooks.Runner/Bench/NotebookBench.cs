using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Runner.Bench;

/// <summary>Wall times and peaks of one thing run several times.</summary>
public sealed record Timing(string Name)
{
    public List<double> Seconds { get; } = new();
    public List<long> PeakBytes { get; } = new();
}

/// <summary>A notebook alone and two copies of it at once (both started together; the time until both ended).</summary>
public sealed record PairTiming(string Name)
{
    public List<double> Alone { get; } = new();
    public List<double> Together { get; } = new();

    /// <summary>Median time of two at once over median time alone: 2 is a fair share of the machine for each.</summary>
    public double Ratio => Stats.Median(Together) / Stats.Median(Alone);
}

/// <summary>Notebooks timed as a learner runs them: the runner's `run` command in a fresh process.</summary>
public static class NotebookBench
{
    /// <summary>Each notebook alone, <see cref="BenchSettings.Runs"/> times, each run in a fresh process.</summary>
    public static async Task<IReadOnlyList<Timing>> EachAsync(BenchSettings settings)
    {
        var timings = settings.Notebooks.Select(n => new Timing(Path.GetFileName(n))).ToList();
        for (var run = 0; run < settings.Runs; run++)
            for (var i = 0; i < timings.Count; i++)
            {
                Terminal.WriteError($"   notebooks: {timings[i].Name} --preset {settings.Preset}, run {run + 1}/{settings.Runs}");
                var r = await RunAsync(new[] { settings.Notebooks[i] }, settings.Preset, settings.Environment);
                timings[i].Seconds.Add(r.Seconds);
                timings[i].PeakBytes.Add(r.PeakResidentBytes);
            }
        return timings;
    }

    /// <summary>
    /// The whole course in one `run` (each notebook in its own child process, as the README's command runs it): the
    /// run's wall time and peak (runner and children together), and each notebook's time and peak inside that run,
    /// as the runner measured its child process.
    /// </summary>
    public static async Task<(Timing Course, IReadOnlyList<Timing> Notebooks)> CourseAsync(BenchSettings settings)
    {
        var timing = new Timing($"{settings.Notebooks.Count} notebooks in one run");
        var parts = settings.Notebooks.Select(n => new Timing(Path.GetFileName(n))).ToList();
        for (var run = 0; run < settings.Runs; run++)
        {
            Terminal.WriteError($"   course: --preset {settings.Preset}, run {run + 1}/{settings.Runs}");
            var resultsFile = Path.GetTempFileName();
            try
            {
                var r = await RunAsync(settings.Notebooks, settings.Preset, settings.Environment, "--results-file", resultsFile);
                timing.Seconds.Add(r.Seconds);
                timing.PeakBytes.Add(r.PeakResidentBytes);
                var results = System.Text.Json.JsonSerializer.Deserialize<List<NotebookResult>>(File.ReadAllText(resultsFile))!;
                for (var i = 0; i < parts.Count && i < results.Count; i++)
                {
                    parts[i].Seconds.Add(results[i].Elapsed.TotalSeconds);
                    parts[i].PeakBytes.Add(results[i].PeakWorkingSet);
                }
            }
            finally
            {
                File.Delete(resultsFile);
            }
        }
        return (timing, parts);
    }

    /// <summary>Each notebook alone, then two copies at once, in turns, <see cref="BenchSettings.Runs"/> times.</summary>
    public static async Task<IReadOnlyList<PairTiming>> PairsAsync(BenchSettings settings)
    {
        var timings = settings.Notebooks.Select(n => new PairTiming(Path.GetFileName(n))).ToList();
        for (var run = 0; run < settings.Runs; run++)
            for (var i = 0; i < timings.Count; i++)
            {
                Terminal.WriteError($"   pair: {timings[i].Name} --preset {settings.PairPreset}, run {run + 1}/{settings.Runs}");
                var notebook = new[] { settings.Notebooks[i] };
                timings[i].Alone.Add((await RunAsync(notebook, settings.PairPreset, settings.Environment)).Seconds);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await Task.WhenAll(RunAsync(notebook, settings.PairPreset, settings.Environment), RunAsync(notebook, settings.PairPreset, settings.Environment));
                timings[i].Together.Add(clock.Elapsed.TotalSeconds);
            }
        return timings;
    }

    private static async Task<ProcessRun> RunAsync(IEnumerable<string> notebooks, string preset, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var list = notebooks.ToList();
        var run = await MeasuredProcess.RunnerAsync(new[] { "run" }.Concat(list).Concat(new[] { "--preset", preset, "--quiet" }).Concat(extra), environment);
        if (run.ExitCode != 0)
            throw new BenchException($"{string.Join(", ", list.Select(Path.GetFileName))} failed with --preset {preset}; fix it before benchmarking:\n{KernelProbe.Tail(run.Output)}");
        return run;
    }
}
