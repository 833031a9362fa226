using GanNotebooks.Tests.Runner;

namespace GanNotebooks.Tests.Notebooks;

/// <summary>
/// Every notebook of the course, executed with the smoke preset by the runner in a process of its own, in the real
/// .NET Interactive C# kernel: it must run clean (no error, no compiler warning, nothing on stderr) and its
/// self-checks must run and pass.
/// </summary>
public class NotebookSmokeTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("smoke").FullName;

    public void Dispose() => Directory.Delete(_out, true);

    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Runs_clean_in_the_kernel_with_the_smoke_preset(string notebook)
    {
        var (code, output, result) = RunnerProcess.RunNotebook(Repo.Path("notebooks", notebook), _out, "--preset", "smoke");

        Assert.True(result.Succeeded, $"{result.Error}\n{string.Join("\n", result.Problems)}\n--- output ---\n{result.PlainTextOutput}\n--- runner ---\n{output}");
        Assert.Equal(0, code);
        Assert.Equal(result.CodeCells, result.CellsRun);
        Assert.True(result.SelfChecksPassed > 0, "the notebook's self-checks did not run");
        Assert.Equal(0, result.SelfChecksFailed);
    }

    [Fact]
    public void A_rerun_of_an_unchanged_notebook_writes_the_same_bytes()
    {
        // Committed outputs must diff cleanly: no random ids, timings or machine paths in what a run writes.
        var first = Path.Combine(_out, "first");
        var second = Path.Combine(_out, "second");
        var notebook = Repo.Path("notebooks", "00-setup.ipynb");
        Assert.True(RunnerProcess.RunNotebook(notebook, first, "--preset", "smoke").Result.Succeeded);
        Assert.True(RunnerProcess.RunNotebook(notebook, second, "--preset", "smoke").Result.Succeeded);
        var a = File.ReadAllLines(Path.Combine(first, "00-setup.ipynb"));
        var b = File.ReadAllLines(Path.Combine(second, "00-setup.ipynb"));
        var firstDifference = a.Zip(b).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second);
        Assert.True(a.SequenceEqual(b), $"line {firstDifference.i + 1} differs:\n{firstDifference.p.First}\n{firstDifference.p.Second}");
    }
}
