using System.Runtime.InteropServices;
using GanNotebooks.Tests.Runner;

namespace GanNotebooks.Tests.Runtime;

/// <summary>
/// A system with the distribution's libtorch on the library path (Debian/Ubuntu libtorch-dev) must not break a
/// notebook: in a kernel, TorchSharp's first loading step asks the dynamic loader for "libtorch_cpu.so" by name and
/// would get that one. Here a wrong "libtorch_cpu.so" is put first on LD_LIBRARY_PATH of a runner process.
/// </summary>
public class LibTorchShadowingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("shadow").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private (bool Ok, string Output) RunWithShadow(string fixture)
    {
        // Any shared library that is not libtorch will do as the impostor: the system's zlib.
        var impostor = new[] { "/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib64/libz.so.1", "/usr/lib/libz.so.1" }.First(File.Exists);
        var shadow = Path.Combine(_dir, "lib");
        Directory.CreateDirectory(shadow);
        File.Copy(impostor, Path.Combine(shadow, "libtorch_cpu.so"), overwrite: true);
        var outDir = Path.Combine(_dir, "out-" + Path.GetFileNameWithoutExtension(fixture));
        var (code, output) = RunnerProcess.Run(new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = shadow },
            "run", Repo.Path("tests", "GanNotebooks.Tests", "Fixtures", fixture), "--out", outDir);
        return (code == 0 && output.Contains("sum 4"), output);
    }

    [Fact]
    public void The_setup_path_loads_TorchSharps_own_libtorch_despite_a_shadowing_one()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        var (ok, output) = RunWithShadow("torch-setup.ipynb");
        Assert.True(ok, output);
    }

    [Fact]
    public void Without_it_the_shadowing_library_breaks_TorchSharp()
    {
        // The control: the same process without the preloading step fails, so the test above tests something.
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        var (ok, output) = RunWithShadow("torch-patch-only.ipynb");
        Assert.False(ok, output);
    }
}
