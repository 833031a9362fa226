using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Tests.Runner;

public class RunnerEntryTests
{
    private static string NewRunnerFolder(out string self)
    {
        var dir = Directory.CreateTempSubdirectory("runner-entry-").FullName;
        self = Path.Combine(dir, "gan-notebooks.dll");
        File.WriteAllText(self, "runner");
        return dir;
    }

    [Fact]
    public void Without_a_ready_to_run_copy_children_start_from_the_runner_itself()
    {
        var dir = NewRunnerFolder(out var self);
        Assert.Equal(self, RunnerEntry.Find(dir));
    }

    [Fact]
    public void An_up_to_date_ready_to_run_copy_is_preferred_and_a_stale_one_ignored()
    {
        var dir = NewRunnerFolder(out var self);
        var copy = Path.Combine(dir, "ready-to-run", "gan-notebooks.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllText(copy, "copy");
        var built = File.GetLastWriteTimeUtc(self);

        File.SetLastWriteTimeUtc(copy, built.AddSeconds(5));    // published after this build
        Assert.Equal(copy, RunnerEntry.Find(dir));

        File.SetLastWriteTimeUtc(copy, built.AddMinutes(-5));   // left over from an older build
        Assert.Equal(self, RunnerEntry.Find(dir));
    }
}
