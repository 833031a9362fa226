using System.Reflection;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Runner.Kernel;

/// <summary>
/// Runs a piece of C# against the course library in a fresh kernel, loading TorchSharp and the library exactly as
/// a notebook's setup cell does. The runner itself never loads either: what works here works in a notebook.
/// </summary>
public static class LibraryScript
{
    /// <summary>The library build the notebooks reference (lib/GanNotebooks/bin/Release/net8.0/GanNotebooks.dll).</summary>
    public static string LibraryPath { get; } =
        typeof(LibraryScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CourseLibrary").Value!;

    /// <summary>Runs <paramref name="code"/> with its output on the terminal; returns null, or why it failed.</summary>
    public static async Task<string?> RunAsync(string code)
    {
        if (!File.Exists(LibraryPath))
            return $"the course library is not built ({LibraryPath}); run: dotnet build lib/GanNotebooks -c Release";
        var pins = PackagePins.Embedded();
        using var session = new KernelSession();
        using var echo = session.Events.Subscribe(Terminal.Echo);
        foreach (var cell in new[]
                 {
                     $"#r \"nuget: TorchSharp-cpu, {pins.VersionOf("TorchSharp-cpu")}\"",
                     $"#r \"{LibraryPath}\"",
                     code,
                 })
        {
            var outputs = new CellOutputs(new(), 0);
            foreach (var e in await session.SubmitAsync(cell)) outputs.Add(e);
            if (outputs.Failure is { } failure) return failure.Exception?.Message ?? failure.Message;
        }
        return null;
    }

    /// <summary>A C# string literal for <paramref name="text"/> (a path, a name).</summary>
    public static string Literal(string? text) =>
        text is null ? "null" : Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
}
