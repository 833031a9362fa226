using System.Buffers.Binary;
using System.Text;
using GanNotebooks.Runtime;

namespace GanNotebooks.Tests.Runtime;

public class ElfVersionPatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("elfpatch").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Patch_sets_exactly_the_weak_flag_of_the_named_entry_and_changes_no_other_byte()
    {
        var original = SyntheticElf.Build(("libstdc++.so.6", new[] { "GLIBCXX_3.4.30", "GLIBCXX_3.4.32", "CXXABI_1.3.13" }),
                                          ("libc.so.6", new[] { "GLIBC_2.34" }));
        var path = Write("lib.so", original);

        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionPatcher.MakeVersionWeak(path, "GLIBCXX_3.4.32"));

        var patched = File.ReadAllBytes(path);
        Assert.Equal(original.Length, patched.Length);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        var flags = SyntheticElf.FlagsOffsetOf(original, "GLIBCXX_3.4.32");
        Assert.Equal(new[] { flags }, changed);   // only the low byte of vna_flags of that one entry
        Assert.Equal(0x2, BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(flags)));
        Assert.Equal((true, true), ElfVersionPatcher.Inspect(path, "GLIBCXX_3.4.32"));
        Assert.Equal((true, false), ElfVersionPatcher.Inspect(path, "GLIBCXX_3.4.30"));
    }

    [Fact]
    public void Second_run_changes_nothing()
    {
        var path = Write("lib.so", SyntheticElf.Build(("libstdc++.so.6", new[] { "GLIBCXX_3.4.32" })));
        ElfVersionPatcher.MakeVersionWeak(path, "GLIBCXX_3.4.32");
        var once = File.ReadAllBytes(path);
        var stamp = File.GetLastWriteTimeUtc(path);

        Assert.Equal(ElfPatchOutcome.AlreadyWeak, ElfVersionPatcher.MakeVersionWeak(path, "GLIBCXX_3.4.32"));
        Assert.Equal(once, File.ReadAllBytes(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void File_without_that_requirement_is_left_alone()
    {
        var original = SyntheticElf.Build(("libstdc++.so.6", new[] { "GLIBCXX_3.4.30" }), ("libc.so.6", new[] { "GLIBC_2.34" }));
        var path = Write("lib.so", original);

        Assert.Equal(ElfPatchOutcome.NotRequired, ElfVersionPatcher.MakeVersionWeak(path, "GLIBCXX_3.4.32"));
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [Fact]
    public void Non_elf_file_gives_a_clear_error()
    {
        var path = Write("notes.txt", Encoding.ASCII.GetBytes("this is not a shared library, just some text that is long enough to have a header"));
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MakeVersionWeak(path, "GLIBCXX_3.4.32"));
        Assert.Contains("not an ELF file", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Real_TorchSharp_glue_library_changes_in_one_byte()
    {
        var real = Directory.GetFiles(AppContext.BaseDirectory, TorchSharpNatives.GlueLibrary, SearchOption.AllDirectories)
            .First(f => f.Contains("linux-x64"));
        var bytes = File.ReadAllBytes(real);
        var flags = ElfVersionPatcher.FlagsOffset(bytes, TorchSharpNatives.RequiredVersion)
                    ?? throw new Xunit.Sdk.XunitException("TorchSharp 0.107.0's glue should require GLIBCXX_3.4.32");
        // The test host's copy may already be patched (by this assembly's initializer): restore the original flag first.
        bytes[flags] &= unchecked((byte)~0x2);
        var strong = Write("libLibTorchSharp.so", bytes);

        Assert.Equal(ElfPatchOutcome.Patched, ElfVersionPatcher.MakeVersionWeak(strong, TorchSharpNatives.RequiredVersion));
        var patched = File.ReadAllBytes(strong);
        Assert.Equal(new[] { flags }, Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != patched[i]).ToArray());
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

/// <summary>
/// Builds a minimal ELF64 file by hand: header, a string table and a version-needs section. Independent of
/// the patcher's parser, so the tests check it against the format, not against itself.
/// </summary>
internal static class SyntheticElf
{
    public static byte[] Build(params (string File, string[] Versions)[] needs)
    {
        // String table: "\0" then each name.
        var strtab = new List<byte> { 0 };
        var offsets = new Dictionary<string, int>();
        int Str(string s)
        {
            if (offsets.TryGetValue(s, out var o)) return o;
            o = strtab.Count;
            strtab.AddRange(Encoding.ASCII.GetBytes(s));
            strtab.Add(0);
            offsets[s] = o;
            return o;
        }

        var verneed = new List<byte>();
        for (var n = 0; n < needs.Length; n++)
        {
            var (file, versions) = needs[n];
            var entrySize = 16 + 16 * versions.Length;
            verneed.AddRange(U16(1)); verneed.AddRange(U16((ushort)versions.Length)); verneed.AddRange(U32((uint)Str(file)));
            verneed.AddRange(U32(16)); verneed.AddRange(U32(n == needs.Length - 1 ? 0u : (uint)entrySize));
            for (var a = 0; a < versions.Length; a++)
            {
                verneed.AddRange(U32(0x0b792650 + (uint)a)); verneed.AddRange(U16(0)); verneed.AddRange(U16((ushort)(2 + a)));
                verneed.AddRange(U32((uint)Str(versions[a]))); verneed.AddRange(U32(a == versions.Length - 1 ? 0u : 16u));
            }
        }

        const int headerSize = 64;
        var strOffset = headerSize;
        var verOffset = strOffset + strtab.Count;
        var shOffset = verOffset + verneed.Count;
        var file2 = new List<byte>();
        var header = new byte[headerSize];
        header[0] = 0x7f; header[1] = (byte)'E'; header[2] = (byte)'L'; header[3] = (byte)'F'; header[4] = 2; header[5] = 1; header[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x10), 3);      // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x12), 62);     // x86-64
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(0x28), (ulong)shOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x34), headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x3A), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(0x3C), 3);
        file2.AddRange(header);
        file2.AddRange(strtab);
        file2.AddRange(verneed);
        file2.AddRange(new byte[64]);                                          // section 0: null
        file2.AddRange(Section(type: 3, offset: strOffset, size: strtab.Count, link: 0, info: 0));            // SHT_STRTAB
        file2.AddRange(Section(type: 0x6ffffffe, offset: verOffset, size: verneed.Count, link: 1, info: needs.Length)); // SHT_GNU_verneed
        return file2.ToArray();
    }

    /// <summary>Where the flags of <paramref name="version"/> are, found by walking the layout Build uses.</summary>
    public static int FlagsOffsetOf(byte[] elf, string version)
    {
        var name = Encoding.ASCII.GetBytes(version + "\0");
        var strStart = 64;
        var nameOffset = elf.AsSpan(strStart).IndexOf(name);
        var verOffset = (int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan((int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28)) + 2 * 64 + 0x18));
        for (var p = verOffset; p + 16 <= elf.Length; p += 4)
            if (BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(p + 8)) == nameOffset && BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(p)) >= 0x0b792650)
                return p + 4;
        throw new InvalidOperationException(version + " not found");
    }

    private static byte[] Section(uint type, int offset, int size, int link, int info)
    {
        var s = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(s.AsSpan(4), type);
        BinaryPrimitives.WriteUInt64LittleEndian(s.AsSpan(0x18), (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(s.AsSpan(0x20), (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(s.AsSpan(0x28), (uint)link);
        BinaryPrimitives.WriteUInt32LittleEndian(s.AsSpan(0x2C), (uint)info);
        return s;
    }

    private static byte[] U16(ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); return b; }
    private static byte[] U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }
}
