using System.Diagnostics;
using GanNotebooks.Runtime;

namespace GanNotebooks.Tests.Runner;

public class DoctorTests
{
    [Fact]
    public void Doctor_fixes_the_NuGet_cache_copy_and_proves_TorchSharp_runs()
    {
        // A private NuGet packages folder holding an unpatched copy of the glue library, so the test never
        // touches the real cache.
        var packages = Directory.CreateTempSubdirectory("doctor-packages").FullName;
        try
        {
            var native = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native");
            Directory.CreateDirectory(native);
            var source = Directory.GetFiles(AppContext.BaseDirectory, TorchSharpNatives.GlueLibrary, SearchOption.AllDirectories).First(f => f.Contains("linux-x64"));
            var bytes = File.ReadAllBytes(source);
            bytes[ElfVersionPatcher.FlagsOffset(bytes, TorchSharpNatives.RequiredVersion)!.Value] &= unchecked((byte)~0x2);
            var copy = Path.Combine(native, TorchSharpNatives.GlueLibrary);
            File.WriteAllBytes(copy, bytes);

            var (code, output) = RunDoctor(packages);
            Assert.True(code == 0, output);
            Assert.Contains("TorchSharp loaded and ran a 200x200 matmul", output);
            Assert.Contains("CUDA:", output);
            Assert.Equal((true, TorchSharpNatives.NeedsPatch()), ElfVersionPatcher.Inspect(copy, TorchSharpNatives.RequiredVersion));

            var (again, output2) = RunDoctor(packages);   // idempotent: nothing left to change
            Assert.Equal(0, again);
            Assert.DoesNotContain("made GLIBCXX_3.4.32 a weak requirement", output2);
        }
        finally { Directory.Delete(packages, true); }
    }

    private static (int Code, string Output) RunDoctor(string packages)
    {
        var psi = new ProcessStartInfo("dotnet", new[] { Path.Combine(AppContext.BaseDirectory, "gan-notebooks.dll"), "doctor" })
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment["NUGET_PACKAGES"] = packages;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
