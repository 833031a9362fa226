using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using GanNotebooks.Runner.Execution;

namespace GanNotebooks.Runner.Bench;

/// <summary>The machine a benchmark ran on, as the report states it.</summary>
public sealed record MachineInfo(string Cpu, int LogicalCpus, long MemoryBytes, string Os, string DotNet, string TorchSharp, string LibTorch, string Kernel)
{
    /// <summary>Reads this machine's description (from /proc and /etc/os-release on Linux; what .NET knows elsewhere).</summary>
    public static MachineInfo Describe()
    {
        var pins = PackagePins.Embedded();
        var torchSharp = pins.VersionOf("TorchSharp-cpu");
        return new MachineInfo(
            Cpu: FirstMatch("/proc/cpuinfo", @"^model name\s*:\s*(.+)$") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            LogicalCpus: Environment.ProcessorCount,
            MemoryBytes: FirstMatch("/proc/meminfo", @"^MemTotal:\s*(\d+) kB") is { } kb ? long.Parse(kb) * 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            Os: FirstMatch("/etc/os-release", "^PRETTY_NAME=\"?([^\"]+)\"?$") ?? RuntimeInformation.OSDescription,
            DotNet: RuntimeInformation.FrameworkDescription,
            TorchSharp: torchSharp ?? "?",
            LibTorch: torchSharp is null ? "?" : LibTorchVersion(torchSharp) ?? "?",
            Kernel: typeof(Microsoft.DotNet.Interactive.Kernel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?");
    }

    /// <summary>One line for the terminal and the report.</summary>
    public override string ToString() =>
        $"{Cpu}, {LogicalCpus} logical CPUs, {MemoryBytes / (1024.0 * 1024 * 1024):F0} GiB RAM; {Os}; {DotNet}; " +
        $"TorchSharp-cpu {TorchSharp} (libtorch {LibTorch}); .NET Interactive {Kernel}";

    /// <summary>The load average (1 minute) now, to say how busy the machine was; null off Linux.</summary>
    public static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.NumberStyles.Float, Stats.Inv, out var l) ? l : null;

    // The libtorch the TorchSharp-cpu package depends on, from its .nuspec in the NuGet cache.
    private static string? LibTorchVersion(string torchSharp)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var nuspec = Path.Combine(packages, "torchsharp-cpu", torchSharp, "torchsharp-cpu.nuspec");
        if (!File.Exists(nuspec)) return null;
        var m = Regex.Match(File.ReadAllText(nuspec), @"<dependency\s+id=""libtorch-cpu""\s+version=""(?<v>[^""]+)""");
        return m.Success ? m.Groups["v"].Value : null;
    }

    private static string? FirstMatch(string file, string pattern)
    {
        if (!File.Exists(file)) return null;
        var m = Regex.Match(File.ReadAllText(file), pattern, RegexOptions.Multiline);
        return m.Success ? m.Groups[1].Value.Trim() : null;
    }
}
