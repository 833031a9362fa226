using System.Diagnostics;
using static TorchSharp.torch;

namespace GanNotebooks.Runtime;

/// <summary>
/// Checks that TorchSharp works where notebooks run, fixes what the course knows how to fix, and says what it
/// found: the libstdc++ requirement of TorchSharp's native glue (<see cref="TorchSharpNatives"/>), the copies of
/// the glue in the NuGet cache that notebooks load, a real tensor operation, and CUDA. Run it from a notebook
/// cell (<c>Doctor.Run()</c>) or with <c>gan-notebooks doctor</c>.
/// </summary>
public static class Doctor
{
    /// <summary>Runs the checks, writing a report to the console; returns 0 when TorchSharp works, 1 otherwise.</summary>
    public static int Run()
    {
        Console.WriteLine($"System libstdc++: {TorchSharpNatives.SystemLibStdCxx() ?? "not found (not Linux?)"}");
        var needs = TorchSharpNatives.NeedsPatch();
        Console.WriteLine(needs
            ? $"It lacks {TorchSharpNatives.RequiredVersion}: TorchSharp's {TorchSharpNatives.GlueLibrary} must be patched."
            : $"No patch needed ({TorchSharpNatives.RequiredVersion} present, or not Linux).");

        var cache = TorchSharpNatives.NuGetCacheFiles().ToList();
        var own = TorchSharpNatives.CandidateFiles().Except(cache).ToList();
        Console.WriteLine($"NuGet cache ({TorchSharpNatives.NuGetPackagesFolder()}): {cache.Count} copies of {TorchSharpNatives.GlueLibrary}");
        if (needs)
        {
            var changed = TorchSharpNatives.PatchAll(cache.Concat(own));
            foreach (var f in cache.Concat(own))
            {
                var (required, weak) = ElfVersionPatcher.Inspect(f, TorchSharpNatives.RequiredVersion);
                Console.WriteLine($"  {(required ? (weak ? "ok (weak)" : "STILL STRONG") : "ok (not required)")}  {f}");
            }
            Console.WriteLine($"Patched {changed.Count} file(s) now; the others were already fine.");
        }

        TorchSharpNatives.EnsureLoadable();
        var clock = Stopwatch.StartNew();
        try
        {
            using var scope = NewDisposeScope();
            var a = rand(200, 200);
            var checksum = a.matmul(a.T).sum().item<float>();
            Console.WriteLine($"TorchSharp loaded and ran a 200x200 matmul in {clock.Elapsed.TotalMilliseconds:F0} ms (checksum {checksum:F1}).");
        }
        catch (Exception e)
        {
            Console.WriteLine($"FAILED to run a tensor operation: {e.Message}");
            return 1;
        }
        Console.WriteLine(cuda.is_available()
            ? $"CUDA: available ({cuda.device_count()} device(s)). Notebooks with device = \"auto\" will use it."
            : "CUDA: not available. For a GPU, reference TorchSharp-cuda-linux (same version) instead of TorchSharp-cpu in the setup cell.");
        return 0;
    }
}
