using System.Text;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Runner.Bench;

/// <summary>Runs the chosen sections of `bench` and writes their tables to the terminal and to the report file.</summary>
public static class BenchRun
{
    public static async Task<int> RunAsync(BenchSettings s, bool kernel, bool loops, bool notebookTimes, bool course, bool pair, bool soak)
    {
        Peer? peer = null;
        var peerNote = "";
        if (loops)
        {
            (peer, peerNote) = await Peer.FindAsync(s.Python);
            if (peer is null && s.RequirePeer)
            {
                Terminal.WriteError("error: --peer: " + peerNote);
                return 2;
            }
        }

        var machine = MachineInfo.Describe();
        var report = new StringBuilder();
        void Emit(string markdown)
        {
            Terminal.WriteLine(markdown);
            report.AppendLine(markdown);
        }

        Emit("# gan-notebooks bench");
        Emit("");
        Emit($"Machine: {machine}.");
        Emit($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; each figure is the median of {s.Runs} run(s) (min–max in brackets). " +
             $"Load average (1 min) at the start: {Load()}." + (s.Environment.Count > 0 ? $" Environment of every measured process: {string.Join(" ", s.Environment.Select(kv => $"{kv.Key}={kv.Value}"))}." : ""));
        Emit("");

        try
        {
            if (kernel) await KernelSectionAsync(s, Emit);
            if (loops) await LoopSectionAsync(s, peer, peerNote, Emit);
            IReadOnlyList<Timing>? each = null;
            if (notebookTimes) each = await NotebookSectionAsync(s, Emit);
            if (course) await CourseSectionAsync(s, each, Emit);
            if (pair) await PairSectionAsync(s, Emit);
            if (soak) await SoakSectionAsync(s, Emit);
        }
        catch (BenchException e)
        {
            Terminal.WriteError("error: " + e.Message);
            return 1;
        }

        // On a fresh NuGet cache the first notebook restores TorchSharp-cpu, so its libtorch is known only now.
        if (machine.LibTorch == "?" && MachineInfo.Describe().LibTorch is var libTorch and not "?")
            Emit($"libtorch {libTorch} (TorchSharp-cpu was restored during the runs, after the machine line above was written).");
        Emit($"Load average (1 min) at the end: {Load()}.");
        var dir = Path.GetDirectoryName(Path.GetFullPath(s.Output));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(s.Output, report.ToString());
        Terminal.WriteError($"Written to {Path.GetFullPath(s.Output)}");
        return 0;
    }

    private static string Load() => MachineInfo.LoadAverage()?.ToString("F2", Stats.Inv) ?? "unknown";

    private static async Task KernelSectionAsync(BenchSettings s, Action<string> emit)
    {
        var startup = new List<double>();
        var perCell = new List<double>();
        for (var r = 0; r < s.Runs; r++)
        {
            Terminal.WriteError($"   kernel: run {r + 1}/{s.Runs}");
            startup.Add(await KernelCosts.StartupMsAsync(s.Environment));
            perCell.Add(await KernelCosts.PerCellMsAsync());
        }
        emit("## Kernel");
        emit("");
        emit("| figure | ms |");
        emit("|---|---:|");
        emit($"| start-up in a fresh process to the first tensor (kernel, #r TorchSharp-cpu and the library) | {Stats.Spread(startup, "F0")} |");
        emit($"| cost per trivial cell (compile and run, state carried) | {Stats.Spread(perCell, "F1")} |");
        emit("");
    }

    private static async Task LoopSectionAsync(BenchSettings s, Peer? peer, string peerNote, Action<string> emit)
    {
        var timings = await LoopBench.MeasureAsync(s, peer);
        emit("## Core training loops");
        emit("");
        emit("Steps per second (one step = one discriminator and one generator update), each process warmed up, " +
             $"{LoopBench.Rounds} timed rounds per process. gan2d: the 2-D GAN of chapters 03/05 (MLPs 2→128→128→2 and 2→128→128→1, batch 256, Adam). " +
             "dcgan: the MNIST DCGAN of chapters 06/07 (DcganGenerator and DcganEncoder at 28×28, width 32, batch 64, Adam). " +
             "Bare: a hand-written loop (a dispose scope per step, the step, both losses read). TrainingLoop: the same step inside the " +
             "course's helper (its dispose scope, divergence check and progress every step, history every 25 steps), in the same process.");
        emit("");
        if (peer is not null)
        {
            emit($"PyTorch peer: {peer.Version} ({peer.Python}); BLAS: {peer.Blas}; {peer.Parallel}. Same thread count on both sides.");
            emit("");
            emit("| loop | threads | TorchSharp steps/s | PyTorch steps/s | TorchSharp / PyTorch | TrainingLoop / bare |");
            emit("|---|---:|---:|---:|---:|---:|");
        }
        else
        {
            emit($"PyTorch peer: not run ({peerNote}).");
            emit("");
            emit("| loop | threads | TorchSharp steps/s | TrainingLoop / bare |");
            emit("|---|---:|---:|---:|");
        }
        foreach (var t in timings)
        {
            var ts = Stats.Spread(t.Bare.Select(x => 1 / x).ToList(), "F1");
            var overhead = Stats.Spread(t.Overhead, "F3");
            emit(peer is null
                ? $"| {t.Loop} | {t.Threads} | {ts} | {overhead} |"
                : $"| {t.Loop} | {t.Threads} | {ts} | {Stats.Spread(t.Peer.Select(x => 1 / x).ToList(), "F1")} | {(t.BareStepsPerSecond / t.PeerStepsPerSecond!.Value).ToString("F2", Stats.Inv)} | {overhead} |");
        }
        emit("");
    }

    private static async Task<IReadOnlyList<Timing>> NotebookSectionAsync(BenchSettings s, Action<string> emit)
    {
        var timings = await NotebookBench.EachAsync(s);
        emit($"## Notebooks, --preset {s.Preset}, each in its own process");
        emit("");
        EmitNotebookRows(timings, emit);
        emit($"| sum | {timings.Sum(t => Stats.Median(t.Seconds)).ToString("F1", Stats.Inv)} | |");
        emit("");
        return timings;
    }

    private static async Task CourseSectionAsync(BenchSettings s, IReadOnlyList<Timing>? each, Action<string> emit)
    {
        var (course, parts) = await NotebookBench.CourseAsync(s);
        emit($"## The whole course in one run, --preset {s.Preset}");
        emit("");
        emit("| run | wall time s | peak resident MiB (runner and its notebook processes) |");
        emit("|---|---:|---:|");
        emit($"| {course.Name} | {Stats.Spread(course.Seconds, "F1")} ({(Stats.Median(course.Seconds) / 60).ToString("F1", Stats.Inv)} min) | {Stats.MiB(course.PeakBytes.Max())} |");
        emit("");
        emit("Inside that run, each notebook in its own process (time from its kernel's start to its last cell; peak: that process's high-water mark):");
        emit("");
        EmitNotebookRows(parts, emit);
        emit("");
        var largest = (each ?? parts).MaxBy(t => t.PeakBytes.Max())!;
        var where = each is null ? "in the same run" : "each notebook alone";
        emit($"Peak of the whole run / largest single notebook's peak ({largest.Name}, {Stats.MiB(largest.PeakBytes.Max())} MiB, {where}): " +
             $"{((double)course.PeakBytes.Max() / largest.PeakBytes.Max()).ToString("F2", Stats.Inv)}.");
        emit("");
    }

    // The table of each notebook's wall time and peak memory (without its closing blank line).
    private static void EmitNotebookRows(IEnumerable<Timing> timings, Action<string> emit)
    {
        emit("| notebook | wall time s | peak resident MiB |");
        emit("|---|---:|---:|");
        foreach (var t in timings)
            emit($"| {t.Name} | {Stats.Spread(t.Seconds, "F1")} | {Stats.MiB(t.PeakBytes.Max())} |");
    }

    private static async Task PairSectionAsync(BenchSettings s, Action<string> emit)
    {
        var pairs = await NotebookBench.PairsAsync(s);
        emit($"## Two notebooks at once, --preset {s.PairPreset}");
        emit("");
        emit("Each notebook alone, then two copies started together in two processes (time until both ended). " +
             "A fair share of the machine is 2× the time alone.");
        emit("");
        emit("| notebook | alone s | two at once s | ratio |");
        emit("|---|---:|---:|---:|");
        foreach (var p in pairs)
            emit($"| {p.Name} | {Stats.Spread(p.Alone, "F1")} | {Stats.Spread(p.Together, "F1")} | {p.Ratio.ToString("F2", Stats.Inv)} |");
        emit("");
    }

    private static async Task SoakSectionAsync(BenchSettings s, Action<string> emit)
    {
        var results = await SoakBench.MeasureAsync(s);
        emit($"## Memory soak, {s.SoakSteps:N0} steps");
        emit("");
        emit("One long run of each loop inside the course's TrainingLoop (a dispose scope per step, memory released every " +
             $"{results[0].ReleaseEvery} steps) in a fresh kernel, no forced collection otherwise. Resident memory " +
             $"at a step is the largest resident set read (every 10 steps) over the {results[0].ReleaseEvery} steps before it; " +
             "beside it, .NET's committed heap and glibc's heap (in use / free) at that step, to tell a leak (in use grows) from a cache.");
        emit("");
        var checkpoints = results[0].Checkpoints;
        emit($"| loop | threads | {string.Join(" | ", checkpoints.Select(c => $"MiB at step {c:N0}"))} | growth from step {checkpoints[0]:N0} | steps/s |");
        emit($"|---|---:|{string.Concat(checkpoints.Select(_ => "---:|"))}---:|---:|");
        foreach (var r in results)
            emit($"| {r.Loop} | {r.Threads} | {string.Join(" | ", r.ResidentBytes.Select(Stats.MiB))} | {(100 * r.Growth).ToString("F1", Stats.Inv)}% | {(r.Checkpoints[^1] / r.Seconds).ToString("F1", Stats.Inv)} |");
        emit("");
        emit($"| loop | {string.Join(" | ", checkpoints.Select(c => $"step {c:N0}: .NET heap / C heap in use / C heap free, MiB"))} |");
        emit($"|---|{string.Concat(checkpoints.Select(_ => "---:|"))}");
        foreach (var r in results)
            emit($"| {r.Loop} | {string.Join(" | ", Enumerable.Range(0, checkpoints.Length).Select(i => $"{Stats.MiB(r.ManagedCommittedBytes[i])} / {Stats.MiB(r.MallocInUseBytes[i])} / {Stats.MiB(r.MallocFreeBytes[i])}"))} |");
        emit("");
    }
}
