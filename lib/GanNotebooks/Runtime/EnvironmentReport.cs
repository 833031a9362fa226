using System.Runtime.InteropServices;
using GanNotebooks.Display;
using static TorchSharp.torch;

namespace GanNotebooks.Runtime;

/// <summary>What the notebook is running on: the first thing to look at when a result differs from the book's.</summary>
public static class EnvironmentReport
{
    /// <summary>Collects OS, .NET, TorchSharp and libtorch versions, threads and CUDA into a table.</summary>
    public static ResultTable Collect(Device device)
    {
        var torchSharp = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?";
        var table = new ResultTable("Environment", "item", "value");
        table.AddRow("OS", RuntimeInformation.OSDescription);
        table.AddRow(".NET", RuntimeInformation.FrameworkDescription);
        table.AddRow("TorchSharp", torchSharp);
        table.AddRow("libtorch", LibTorchVersion());
        table.AddRow("CPU threads used by torch", get_num_threads());
        table.AddRow("logical processors", Environment.ProcessorCount);
        table.AddRow("CUDA available", cuda.is_available() ? $"yes ({cuda.device_count()} device(s))" : "no");
        table.AddRow("device in use", device.ToString());
        table.AddRow("to use an NVIDIA GPU", "in the setup cell, reference TorchSharp-cuda-linux (or -windows) instead of TorchSharp-cpu, same version; restart the kernel");
        table.AddRow("libstdc++ patch needed", TorchSharpNatives.NeedsPatch() ? "yes (applied automatically)" : "no");
        return table;
    }

    /// <summary>The libtorch version TorchSharp is built on, read from the native package name when available.</summary>
    private static string LibTorchVersion()
    {
        // TorchSharp 0.107.0 is built on libtorch 2.10.0; newer TorchSharp versions say so in their package.
        var asm = typeof(TorchSharp.torch).Assembly;
        var meta = asm.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key.Contains("LibTorch", StringComparison.OrdinalIgnoreCase));
        if (meta?.Value is { Length: > 0 } v) return v;
        return asm.GetName().Version?.ToString(3) == "0.107.0" ? "2.10.0" : "see TorchSharp release notes";
    }
}
