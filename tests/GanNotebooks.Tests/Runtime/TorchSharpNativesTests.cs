using System.Runtime.InteropServices;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Runtime;

public class TorchSharpNativesTests
{
    [Fact]
    public void Patch_is_needed_exactly_when_the_system_libstdcxx_lacks_the_version()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            Assert.False(TorchSharpNatives.NeedsPatch());
            return;
        }
        var lib = TorchSharpNatives.SystemLibStdCxx();
        Assert.NotNull(lib);
        var text = File.ReadAllBytes(lib!);
        var has = text.AsSpan().IndexOf("GLIBCXX_3.4.32\0"u8) >= 0;
        Assert.Equal(!has, TorchSharpNatives.NeedsPatch());
    }

    [Fact]
    public void Provides_finds_a_version_string_and_rejects_a_prefix()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, "xxGLIBCXX_3.4.30\0GLIBCXX_3.4.3\0yy"u8.ToArray());
            Assert.True(TorchSharpNatives.Provides(path, "GLIBCXX_3.4.30"));
            Assert.True(TorchSharpNatives.Provides(path, "GLIBCXX_3.4.3"));
            Assert.False(TorchSharpNatives.Provides(path, "GLIBCXX_3.4.32"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void After_EnsureLoadable_TorchSharp_computes()
    {
        TorchSharpNatives.EnsureLoadable();
        using var scope = NewDisposeScope();
        var m = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, m.matmul(m).data<float>().ToArray());
    }

    [Fact]
    public void Test_host_copy_is_weak_where_the_system_needs_it()
    {
        var copies = TorchSharpNatives.CandidateFiles().Where(f => f.StartsWith(AppContext.BaseDirectory)).ToList();
        Assert.NotEmpty(copies);
        foreach (var f in copies.Where(f => f.Contains("linux-x64")))
        {
            var (required, weak) = ElfVersionPatcher.Inspect(f, TorchSharpNatives.RequiredVersion);
            Assert.True(required);
            Assert.Equal(TorchSharpNatives.NeedsPatch(), weak);
        }
    }
}
