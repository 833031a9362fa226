using System.Runtime.ExceptionServices;
using GanNotebooks.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// Trains independent runs of one experiment (the same networks with different settings) several at a time on a CPU,
/// one libtorch thread each, and returns their results in the order of the settings.
/// </summary>
/// <remarks>
/// <para>
/// Why: the course's networks are small, so one run cannot keep two cores busy (each operation is too short to share
/// out well), while two runs, each on its own core, can. Measured on the course's 784-512-256 MLP GAN (batch 64, two
/// cores): one run on two threads takes 12–22 ms per step; two runs at once, one thread each, 8–11 ms per step of
/// each run.
/// </para>
/// <para>
/// What the caller's <c>train</c> function must do for the results to be the same on every rerun, however the threads
/// interleave: build its networks through <see cref="Build{T}(int, Func{T})"/>, which seeds the global random stream
/// and lets one run at a time draw from it, and draw everything else (batches, noise, labels) from its own
/// <see cref="Generator"/>. TorchSharp's dispose scopes
/// and libtorch's no-grad mode are per thread, so each run may use both freely.
/// </para>
/// <para>
/// The first run of each group runs on the calling thread and is asked to show its progress; the others run on
/// thread-pool tasks and are asked not to, so that printed lines never interleave differently from one rerun to the
/// next. On a GPU the runs go one after another on the calling thread, each showing its progress: there the device,
/// not the CPU threads, does the work.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var histories = ParallelRuns.Train(settings, device, (setting, showProgress) => TrainOne(setting, showProgress));
/// </code>
/// </example>
public static class ParallelRuns
{
    private static readonly object Initialisation = new();

    /// <summary>
    /// Seeds the global random stream with <paramref name="seed"/> and calls <paramref name="build"/>, one run at a
    /// time: networks draw their initial weights from that stream, so a run that builds its networks here gets the
    /// same weights however the runs around it interleave.
    /// </summary>
    /// <param name="seed">The seed of this run's initial weights (at least 0).</param>
    /// <param name="build">Builds the run's networks (a tuple when there are several) and returns them.</param>
    /// <example>
    /// <code>
    /// var (G, D) = ParallelRuns.Build(seed, () => (new Mlp(2, new[] { 64 }, 2).to(device), new Mlp(2, new[] { 64 }, 1).to(device)));
    /// </code>
    /// </example>
    public static T Build<T>(int seed, Func<T> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (Initialisation)
        {
            Seeds.Set(seed);
            return build();
        }
    }

    /// <summary>
    /// Calls <paramref name="train"/> once for each setting, <paramref name="atOnce"/> at a time on a CPU (one libtorch
    /// thread each), one after another elsewhere, and returns the results in the order of <paramref name="settings"/>.
    /// </summary>
    /// <param name="settings">One entry per run.</param>
    /// <param name="device">Where the runs train; only a CPU runs them at once.</param>
    /// <param name="train">Trains one run: its setting, and whether it should print progress.</param>
    /// <param name="atOnce">Runs trained at the same time on a CPU (at least 1; the number of cores is the sensible
    /// choice).</param>
    /// <remarks>When a run fails, its exception is rethrown once every run of its group has stopped (an
    /// <see cref="AggregateException"/> with each exception when several failed); later groups do not start.</remarks>
    public static TResult[] Train<TSetting, TResult>(IReadOnlyList<TSetting> settings, Device device,
                                                     Func<TSetting, bool, TResult> train, int atOnce = 2)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(train);
        Require.AtLeast(atOnce, 1);
        var results = new TResult[settings.Count];
        if (device.type != DeviceType.CPU || atOnce == 1)
        {
            for (var i = 0; i < settings.Count; i++) results[i] = train(settings[i], true);
            return results;
        }
        for (var first = 0; first < settings.Count; first += atOnce)
        {
            var group = Enumerable.Range(first, Math.Min(atOnce, settings.Count - first)).ToArray();
            // A dedicated thread per partner run (LongRunning): a thread-pool task that has not started yet may be run
            // inline by Wait() on the caller's thread, after the caller's own run, and the runs would not overlap.
            var others = group.Skip(1)
                .Select(i => Task.Factory.StartNew(() => results[i] = OnOneThread(() => train(settings[i], false)),
                                                   CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            Exception? own = null;
            try { results[group[0]] = OnOneThread(() => train(settings[group[0]], true)); }
            catch (Exception e) { own = e; }
            // Every run of the group stops before anything is rethrown: none keeps training behind the caller's back.
            var failures = others.Where(t => { try { t.Wait(); return false; } catch { return true; } })
                                 .SelectMany(t => t.Exception!.InnerExceptions);
            if (own is not null) failures = failures.Prepend(own);
            var all = failures.ToArray();
            if (all.Length == 1) ExceptionDispatchInfo.Capture(all[0]).Throw();   // one failure: its own message and type
            if (all.Length > 1) throw new AggregateException("Training runs failed; the runs of their group have stopped.", all);
        }
        return results;
    }

    /// <summary>
    /// Trains two different runs, for example two kinds of model compared on the same data, at the same time on a CPU
    /// (one libtorch thread each) and one after another elsewhere. <paramref name="first"/> runs on the calling thread
    /// and shows its progress; the same rules as for <see cref="Train{TSetting, TResult}(IReadOnlyList{TSetting}, Device, Func{TSetting, bool, TResult}, int)"/> apply to both.
    /// </summary>
    /// <param name="device">Where the runs train; only a CPU runs them at once.</param>
    /// <param name="first">Trains the first run; its argument says whether to print progress.</param>
    /// <param name="second">Trains the second run; its argument says whether to print progress.</param>
    public static (T1 First, T2 Second) Train<T1, T2>(Device device, Func<bool, T1> first, Func<bool, T2> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var results = Train(new[] { 0, 1 }, device, (run, showProgress) => run == 0 ? (object?)first(showProgress) : second(showProgress));
        return ((T1)results[0]!, (T2)results[1]!);
    }

    // libtorch's thread count belongs to the calling thread (OpenMP keeps it per thread): set it for this run only.
    private static T OnOneThread<T>(Func<T> work)
    {
        var before = get_num_threads();
        set_num_threads(1);
        try { return work(); }
        finally { set_num_threads(before); }
    }
}
