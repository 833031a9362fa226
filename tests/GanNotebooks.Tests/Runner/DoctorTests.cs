using GanNotebooks.Runtime;

namespace GanNotebooks.Tests.Runner;

public class DoctorTests
{
    [Fact]
    public void Doctor_fixes_the_NuGet_cache_copies_a_notebook_loads_and_proves_TorchSharp_runs()
    {
        // The copies of the glue library a notebook's kernel loads: the package's and the one TorchSharp consolidates
        // beside TorchSharp.dll. Where the system needs the fix, undo it first, so the doctor has something to do.
        var copies = TorchSharpNatives.NuGetCacheFiles().Where(f => f.Contains("0.107.0")).ToList();
        if (TorchSharpNatives.NeedsPatch())
            foreach (var copy in copies)
            {
                var bytes = File.ReadAllBytes(copy);
                bytes[ElfVersionPatcher.FlagsOffset(bytes, TorchSharpNatives.RequiredVersion)!.Value] &= unchecked((byte)~0x2);
                File.WriteAllBytes(copy, bytes);
            }

        var (code, output) = RunnerProcess.Run("doctor");
        Assert.True(code == 0, output);
        Assert.Contains("TorchSharp loaded and ran a 200x200 matmul", output);
        Assert.Contains("CUDA:", output);
        Assert.NotEmpty(TorchSharpNatives.NuGetCacheFiles());
        foreach (var copy in TorchSharpNatives.NuGetCacheFiles().Where(f => f.Contains("0.107.0")))
            Assert.Equal((true, TorchSharpNatives.NeedsPatch()), ElfVersionPatcher.Inspect(copy, TorchSharpNatives.RequiredVersion));
        if (TorchSharpNatives.NeedsPatch() && copies.Count > 0) Assert.Contains("made GLIBCXX_3.4.32 a weak requirement", output);

        var (again, output2) = RunnerProcess.Run("doctor");   // idempotent: nothing left to change
        Assert.Equal(0, again);
        Assert.DoesNotContain("made GLIBCXX_3.4.32 a weak requirement", output2);
    }
}
