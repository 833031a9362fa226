using System.Buffers.Binary;
using System.Text;

namespace GanNotebooks.Runtime;

/// <summary>What <see cref="ElfVersionPatcher.MakeVersionWeak(string, string)"/> found and did.</summary>
public enum ElfPatchOutcome
{
    /// <summary>The version requirement was strong and is now weak: one flag in the file changed.</summary>
    Patched,
    /// <summary>The requirement was already weak (a second run, or a library built that way): nothing changed.</summary>
    AlreadyWeak,
    /// <summary>The file does not require that version at all: nothing changed.</summary>
    NotRequired,
}

/// <summary>
/// Marks one symbol-version requirement of an ELF shared library as weak (VER_FLG_WEAK), so that the
/// dynamic loader accepts the library on a system whose C++ runtime lacks that version.
/// </summary>
/// <remarks>
/// TorchSharp 0.107.0's native glue, libLibTorchSharp.so, was built with GCC 13 and asks for
/// GLIBCXX_3.4.32 only because GCC 13's headers emit a reference to <c>std::ios_base_library_init()</c> as a
/// marker; nothing calls it. Debian 12 and Ubuntu 22.04 ship libstdc++ up to GLIBCXX_3.4.30, so the loader
/// refuses the library. In the version-needs table (section type SHT_GNU_verneed) every required version is an
/// Elf64_Vernaux entry {u32 hash, u16 flags, u16 other, u32 name, u32 next}; setting bit 0x2 of its flags
/// turns "required" into "weak": the loader then only notes that the version is missing. One 16-bit field
/// changes; every other byte of the file stays the same.
/// </remarks>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Patches the file at <paramref name="path"/> in place.</summary>
    /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF file, or its tables are malformed.</exception>
    public static ElfPatchOutcome MakeVersionWeak(string path, string versionName)
    {
        var bytes = File.ReadAllBytes(path);
        var outcome = MakeVersionWeak(bytes, versionName, path);
        if (outcome == ElfPatchOutcome.Patched)
        {
            // Write next to the file and rename over it, so an interrupted run never leaves a half-written library.
            var temp = path + ".patching";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        return outcome;
    }

    /// <summary>Reports whether the file requires <paramref name="versionName"/> and whether that requirement is weak.</summary>
    public static (bool Required, bool Weak) Inspect(string path, string versionName)
    {
        var bytes = File.ReadAllBytes(path);
        var entry = FindVernaux(bytes, versionName, path);
        return entry is null ? (false, false) : (true, (ReadU16(bytes, entry.Value + 4) & VerFlgWeak) != 0);
    }

    /// <summary>Patches an ELF image held in memory; returns what it did.</summary>
    public static ElfPatchOutcome MakeVersionWeak(byte[] elf, string versionName, string description = "the file")
    {
        var entry = FindVernaux(elf, versionName, description);
        if (entry is null) return ElfPatchOutcome.NotRequired;
        var flagsOffset = entry.Value + 4;
        var flags = ReadU16(elf, flagsOffset);
        if ((flags & VerFlgWeak) != 0) return ElfPatchOutcome.AlreadyWeak;
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(flagsOffset), (ushort)(flags | VerFlgWeak));
        return ElfPatchOutcome.Patched;
    }

    /// <summary>
    /// Offset in the file of the vna_flags field of the requirement named <paramref name="versionName"/>, or null
    /// when the file does not require that version. Exposed so tests can check that nothing else changes.
    /// </summary>
    public static int? FlagsOffset(byte[] elf, string versionName) => FindVernaux(elf, versionName, "the file") + 4;

    /// <summary>Offset of the Elf64_Vernaux entry naming <paramref name="versionName"/>, or null.</summary>
    private static int? FindVernaux(byte[] elf, string versionName, string description)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException($"{description} is not an ELF file (no \\x7fELF magic).");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"{description} is not a 64-bit little-endian ELF file (class {elf[4]}, data {elf[5]}).");

        var shoff = ReadU64(elf, 0x28);
        var shentsize = ReadU16(elf, 0x3A);
        var shnum = ReadU16(elf, 0x3C);
        if (shoff == 0 || shnum == 0) return null;
        Require(shentsize >= 64 && shoff + (ulong)shnum * shentsize <= (ulong)elf.Length, description, "section header table");

        for (var i = 0; i < shnum; i++)
        {
            var sh = (int)shoff + i * shentsize;
            if (ReadU32(elf, sh + 4) != ShtGnuVerneed) continue;

            var offset = (int)ReadU64(elf, sh + 0x18);
            var size = (int)ReadU64(elf, sh + 0x20);
            var link = (int)ReadU32(elf, sh + 0x28);
            var count = (int)ReadU32(elf, sh + 0x2C);
            Require(offset >= 0 && offset + size <= elf.Length && link < shnum, description, "version-needs section");
            var strSh = (int)shoff + link * shentsize;
            var strOffset = (int)ReadU64(elf, strSh + 0x18);
            var strSize = (int)ReadU64(elf, strSh + 0x20);
            Require(strOffset >= 0 && strOffset + strSize <= elf.Length, description, "string table");

            var verneed = offset;
            for (var n = 0; n < count; n++)
            {
                Require(verneed + 16 <= offset + size, description, "Elf64_Verneed entry");
                var cnt = ReadU16(elf, verneed + 2);
                var aux = verneed + (int)ReadU32(elf, verneed + 8);
                for (var a = 0; a < cnt; a++)
                {
                    Require(aux + 16 <= offset + size, description, "Elf64_Vernaux entry");
                    var name = ReadString(elf, strOffset + (int)ReadU32(elf, aux + 8), strOffset + strSize);
                    if (name == versionName) return aux;
                    aux += (int)ReadU32(elf, aux + 12);
                }
                var next = (int)ReadU32(elf, verneed + 12);
                if (next == 0) break;
                verneed += next;
            }
        }
        return null;
    }

    private static void Require(bool ok, string description, string what)
    {
        if (!ok) throw new InvalidDataException($"{description}: malformed ELF {what}.");
    }

    private static string ReadString(byte[] b, int start, int limit)
    {
        var end = start;
        while (end < limit && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, start, end - start);
    }

    private static ushort ReadU16(byte[] b, int o) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(o));
    private static uint ReadU32(byte[] b, int o) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(o));
    private static ulong ReadU64(byte[] b, int o) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(o));
}
