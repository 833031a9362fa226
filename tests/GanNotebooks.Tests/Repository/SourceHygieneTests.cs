using System.Text.RegularExpressions;

namespace GanNotebooks.Tests.Repository;

public class SourceHygieneTests
{
    private static readonly string[] Extensions = { ".cs", ".csproj", ".props", ".md", ".json", ".ipynb", ".sln", ".txt" };

    [Fact]
    public void No_file_carries_merge_conflict_markers()
    {
        var offenders = Directory.EnumerateFiles(Repo.Root, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".git" or "out"))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"(?m)^(<<<<<<< |>>>>>>> )"))
            .ToList();
        Assert.True(offenders.Count == 0, "conflict markers in: " + string.Join(", ", offenders));
    }
}
