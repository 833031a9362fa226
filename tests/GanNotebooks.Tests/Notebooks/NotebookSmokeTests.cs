using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Notebooks;

namespace GanNotebooks.Tests.Notebooks;

/// <summary>Every notebook of the course, executed with the smoke preset: it must run clean and its self-checks must run.</summary>
public class NotebookSmokeTests
{
    [Theory]
    [MemberData(nameof(Repo.NotebookNames), MemberType = typeof(Repo))]
    public void Runs_clean_with_the_smoke_preset(string notebook)
    {
        var executor = new NotebookExecutor(PackagePins.Embedded(), new RunOptions { Preset = "smoke", Echo = false, Note = _ => { } });
        var (_, result) = executor.Run(Notebook.Load(Repo.Path("notebooks", notebook)));

        Assert.True(result.Succeeded, result.Error + "\n--- output ---\n" + result.PlainTextOutput);
        Assert.Equal(result.CodeCells, result.CellsRun);
        Assert.True(result.SelfChecksPassed > 0, "the notebook's self-checks did not run");
        Assert.Equal(0, result.SelfChecksFailed);
        Assert.Contains("PASS ", result.PlainTextOutput);
    }
}
