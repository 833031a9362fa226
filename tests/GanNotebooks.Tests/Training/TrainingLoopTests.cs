using GanNotebooks.Display;
using GanNotebooks.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Training;

/// <summary>The loop helper owns the scope, the guard, the progress and the history, and nothing else.</summary>
public class TrainingLoopTests
{
    private static long Live() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    [Fact]
    public void Tensors_made_in_a_step_are_freed_when_the_step_ends()
    {
        var before = Live();
        var loop = new TrainingLoop(null, 30);
        var during = new List<long>();
        foreach (var step in loop.Steps())
        {
            var x = randn(10) * 2 + 1;
            loop.Report(("mean", x.mean()));
            during.Add(Live());
        }
        Assert.All(during, n => Assert.True(n > before));
        Assert.Equal(before, Live());
    }

    [Fact]
    public void History_keeps_step_one_and_every_record_step()
    {
        var loop = new TrainingLoop(null, 100, recordEvery: 25);
        foreach (var step in loop.Steps())
        {
            loop.Report(("loss", 1.0 / step));
            if (loop.IsRecordStep) loop.Record(("step squared", step * step));
        }
        Assert.Equal(new[] { 1.0, 25, 50, 75, 100 }, loop.History.Steps("loss"));
        Assert.Equal(new[] { 1.0, 1.0 / 25, 1.0 / 50, 1.0 / 75, 1.0 / 100 }, loop.History.Values("loss"));
        Assert.Equal(new[] { 1.0, 625, 2500, 5625, 10000 }, loop.History.Values("step squared"));
    }

    [Fact]
    public void A_diverging_value_stops_the_run_at_its_step_and_frees_the_step()
    {
        var before = Live();
        var loop = new TrainingLoop(null, 50);
        var e = Assert.Throws<TrainingDivergedException>(() =>
        {
            foreach (var step in loop.Steps())
            {
                using var _ = no_grad();
                var loss = step == 7 ? tensor(float.NaN) : ones(1).sum();
                loop.Report(("loss_G", loss));
            }
        });
        Assert.StartsWith("Training diverged at step 7: loss_G = NaN", e.Message);
        Assert.Equal(before, Live());
    }

    [Fact]
    public void Values_of_every_numeric_kind_can_be_reported_as_pairs()
    {
        var loop = new TrainingLoop(null, 1);
        foreach (var _ in loop.Steps())
        {
            var lossD = full(1, 1, 0.25f);
            loop.Report(("tensor", lossD), ("float", 0.5f), ("double", 0.75), ("int", 3), ("long tensor", full(1, 7L, dtype: ScalarType.Int64)));
        }
        Assert.Equal(0.25, loop.History.Last("tensor"));
        Assert.Equal(0.5, loop.History.Last("float"));
        Assert.Equal(0.75, loop.History.Last("double"));
        Assert.Equal(3.0, loop.History.Last("int"));
        Assert.Equal(7.0, loop.History.Last("long tensor"));
        Assert.Throws<ArgumentException>(() => { Metric m = ("two values", ones(2)); });
    }

    [Fact]
    public void The_loop_runs_once_and_its_reports_belong_inside_it()
    {
        var loop = new TrainingLoop(null, 3);
        Assert.Throws<InvalidOperationException>(() => loop.Report(("loss", 1.0)));
        foreach (var _ in loop.Steps()) { }
        Assert.Throws<InvalidOperationException>(() => loop.Steps());
    }

    [Fact]
    public void Leaving_early_finishes_the_progress_where_it_stopped()
    {
        var lines = ProgressTests.Printed(() =>
        {
            var loop = new TrainingLoop("demo", 10);
            foreach (var step in loop.Steps())
            {
                loop.Report(("loss", 0.5));
                if (step == 4) break;
            }
        });
        Assert.Equal("demo: stopped at 4/10 (40%)  loss=0.5", lines[^1]);
    }
}

public class ProgressTests
{
    internal static string[] Printed(Action work)
    {
        var original = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try { work(); }
        finally { Console.SetOut(original); }
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    [Fact]
    public void Prints_the_first_report_each_tenth_and_the_last_step_without_times()
    {
        var lines = Printed(() =>
        {
            var progress = new Progress("work", 100);
            for (var step = 1; step <= 100; step++) progress.Report(step, ("loss", 1.0 / step), ("modes", 8));
            progress.Report(100, ("loss", 99.0));   // after the end: ignored
        });
        Assert.Equal(11, lines.Length);
        Assert.Equal("work: 1/100 (1%)  loss=1  modes=8", lines[0]);
        Assert.Equal("work: 10/100 (10%)  loss=0.1  modes=8", lines[1]);
        Assert.Equal("work: 100/100 (100%)  loss=0.01  modes=8", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains(" s") || l.Contains("left"));
    }

    [Fact]
    public void Two_runs_print_the_same_lines()
    {
        string[] Run() => Printed(() =>
        {
            var progress = new Progress("same", 37);
            for (var step = 1; step <= 37; step++) progress.Report(step, ("x", step * 0.5));
        });
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Finishing_early_says_where_the_work_stopped()
    {
        var lines = Printed(() =>
        {
            var progress = new Progress("budget", 1000);
            progress.Report(1);
            progress.Report(640, ("step", 12));
            progress.Report(641, ("step", 13));
            progress.Finish();
            progress.Finish();
        });
        Assert.Equal(new[] { "budget: 1/1000 (0%)", "budget: 640/1000 (64%)  step=12", "budget: stopped at 641/1000 (64%)  step=13" }, lines);
    }
}
