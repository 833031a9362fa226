using System.Runtime.CompilerServices;
using GanNotebooks.Runtime;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace GanNotebooks.Tests;

internal static class TestSetup
{
    // Runs when the test assembly loads, before any test creates a tensor: the test host's own copy of
    // TorchSharp's natives gets the libstdc++ fix where the system needs it.
    [ModuleInitializer]
    internal static void Initialize() => TorchSharpNatives.EnsureLoadable();
}

/// <summary>Paths of the repository the tests run in.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray());

    public static IEnumerable<string> Notebooks() =>
        Directory.GetFiles(Path("notebooks"), "*.ipynb").OrderBy(f => f, StringComparer.Ordinal);

    /// <summary>Every notebook's file name, as xunit theory data.</summary>
    public static IEnumerable<object[]> NotebookNames() => Notebooks().Select(p => new object[] { System.IO.Path.GetFileName(p) });

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "GanNotebooks.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find GanNotebooks.sln above " + AppContext.BaseDirectory);
    }
}
