using GanNotebooks.Models;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Training;

/// <summary>Runs trained two at a time: results in order, one thread each, progress from the caller's thread only,
/// and, with a generator per run, the same numbers as one after another.</summary>
public class ParallelRunsTests
{
    private sealed record Call(int Setting, bool ShowProgress, int ThreadId, int TorchThreads);

    private static Call Record(int setting, bool showProgress)
    {
        Thread.Sleep(20);   // long enough that the runs of a group overlap
        return new Call(setting, showProgress, Environment.CurrentManagedThreadId, get_num_threads());
    }

    [Fact]
    public void On_a_cpu_runs_go_in_groups_with_one_thread_each_and_results_keep_the_settings_order()
    {
        var before = get_num_threads();
        var caller = Environment.CurrentManagedThreadId;
        var calls = ParallelRuns.Train(new[] { 10, 11, 12, 13, 14 }, CPU, Record, atOnce: 2);

        Assert.Equal(new[] { 10, 11, 12, 13, 14 }, calls.Select(c => c.Setting));
        Assert.All(calls, c => Assert.Equal(1, c.TorchThreads));
        // The first of each group (0, 2, 4) runs on the caller's thread and alone shows progress.
        Assert.Equal(new[] { true, false, true, false, true }, calls.Select(c => c.ShowProgress));
        Assert.All(calls.Where(c => c.ShowProgress), c => Assert.Equal(caller, c.ThreadId));
        Assert.All(calls.Where(c => !c.ShowProgress), c => Assert.NotEqual(caller, c.ThreadId));
        Assert.Equal(before, get_num_threads());
    }

    [Fact]
    public void Off_a_cpu_runs_go_one_after_another_on_the_callers_thread_with_progress()
    {
        var caller = Environment.CurrentManagedThreadId;
        var before = get_num_threads();
        var calls = ParallelRuns.Train(new[] { 1, 2, 3 }, new Device(DeviceType.CUDA), Record);
        Assert.Equal(new[] { 1, 2, 3 }, calls.Select(c => c.Setting));
        Assert.All(calls, c => Assert.True(c.ShowProgress));
        Assert.All(calls, c => Assert.Equal(caller, c.ThreadId));
        Assert.All(calls, c => Assert.Equal(before, c.TorchThreads));   // the thread count is left alone
    }

    [Fact]
    public void Two_different_runs_train_at_once_on_a_cpu_and_come_back_as_a_typed_pair()
    {
        var caller = Environment.CurrentManagedThreadId;
        var before = get_num_threads();
        var (first, second) = ParallelRuns.Train(CPU, showProgress => Record(1, showProgress),
                                                 showProgress => $"second on one thread: {get_num_threads() == 1}, progress: {showProgress}");
        Assert.Equal(1, first.Setting);
        Assert.True(first.ShowProgress);
        Assert.Equal(caller, first.ThreadId);
        Assert.Equal(1, first.TorchThreads);
        Assert.Equal("second on one thread: True, progress: False", second);
        Assert.Equal(before, get_num_threads());

        var (gpuFirst, gpuSecond) = ParallelRuns.Train(new Device(DeviceType.CUDA), showProgress => Record(2, showProgress), showProgress => Record(3, showProgress));
        Assert.True(gpuFirst.ShowProgress && gpuSecond.ShowProgress);
        Assert.Equal(caller, gpuSecond.ThreadId);
    }

    [Fact]
    public void A_failing_run_is_rethrown_after_its_partner_stops_and_later_groups_do_not_start()
    {
        var started = new List<int>();
        var partnerFinished = false;
        int Train(int setting, bool showProgress)
        {
            lock (started) started.Add(setting);
            if (setting == 0) throw new InvalidOperationException("run 0 diverged");
            Thread.Sleep(100);
            partnerFinished = true;
            return setting;
        }
        var before = get_num_threads();
        var error = Assert.Throws<InvalidOperationException>(() => ParallelRuns.Train(new[] { 0, 1, 2, 3 }, CPU, Train));
        Assert.Equal("run 0 diverged", error.Message);
        Assert.True(partnerFinished);
        Assert.Equal(new[] { 0, 1 }, started.OrderBy(s => s));
        Assert.Equal(before, get_num_threads());
    }

    // A small GAN-like run: networks built through ParallelRuns.Build, every draw from the run's own generator.
    private static float[] TrainSmall(int runSeed, bool showProgress)
    {
        var net = ParallelRuns.Build(runSeed, () => new Mlp(32, new[] { 64, 64 }, 1));
        using var random = new Generator((ulong)runSeed + 100);
        var optimizer = optim.Adam(net.parameters(), 1e-3);
        var losses = new List<float>();
        for (var step = 0; step < 60; step++)
        {
            using var scope = NewDisposeScope();
            var x = randn(new long[] { 64, 32 }, generator: random);
            var target = randint(0, 2, new long[] { 64, 1 }, generator: random).to_type(ScalarType.Float32);
            optimizer.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(net.forward(x), target);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        return losses.ToArray();
    }

    [Fact]
    public void Runs_with_their_own_generators_give_the_same_numbers_at_once_as_one_after_another()
    {
        var seeds = new[] { 0, 1, 2, 3 };
        var alone = seeds.Select(s =>
        {
            var before = get_num_threads();
            set_num_threads(1);   // the same thread count as in the parallel runs (a reduction's order can depend on it)
            try { return TrainSmall(s, true); }
            finally { set_num_threads(before); }
        }).ToArray();
        var together = ParallelRuns.Train(seeds, CPU, TrainSmall);
        for (var i = 0; i < seeds.Length; i++) Assert.Equal(alone[i], together[i]);   // bit for bit
        Assert.NotEqual(alone[0], alone[1]);   // the runs differ, so the comparison can tell them apart
    }

    [Fact]
    public void A_shared_network_in_eval_mode_gives_the_same_outputs_from_two_threads_at_once()
    {
        // The chapters measure their runs during training with one shared classifier (forward in no_grad, eval mode).
        manual_seed(5);
        var net = new DigitClassifierNet();
        net.eval();
        var images = rand(200, 1, 28, 28);
        Tensor Forward() { using var _ = no_grad(); return net.forward(images); }
        var before = get_num_threads();
        set_num_threads(1);   // as in the parallel runs, so that any difference comes from sharing, not from the thread count
        var expected = Forward();
        set_num_threads(before);
        var outputs = ParallelRuns.Train(Enumerable.Range(0, 6).ToArray(), CPU,
                                         (i, _) => Enumerable.Range(0, 5).Select(k => Forward()).ToArray());
        foreach (var output in outputs.SelectMany(o => o)) Assert.True(output.eq(expected).all().item<bool>());
    }
}
