using System.Runtime.InteropServices;
using GanNotebooks.Runtime;

namespace GanNotebooks.Tests.Runtime;

/// <summary>
/// IdleMemory.Release returns the C allocator's free pages: memory freed in the middle of malloc's heap (where
/// glibc does not trim by itself) leaves the resident set only when Release runs.
/// </summary>
public class IdleMemoryTests
{
    [Fact]
    public void Release_returns_pages_freed_between_live_blocks()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        // 1,600 blocks of 64 KiB (below glibc's mmap threshold, so they come from the heap), written so that they are
        // resident; then every other block is freed: 50 MiB of holes between live blocks, which free() keeps.
        const int blocks = 1600, size = 64 * 1024;
        var pointers = new IntPtr[blocks];
        var ones = Enumerable.Repeat((byte)1, size).ToArray();
        try
        {
            for (var i = 0; i < blocks; i++)
            {
                pointers[i] = Marshal.AllocHGlobal(size);   // malloc on Unix
                Marshal.Copy(ones, 0, pointers[i], size);
            }
            for (var i = 0; i < blocks; i += 2)
            {
                Marshal.FreeHGlobal(pointers[i]);
                pointers[i] = IntPtr.Zero;
            }

            var before = ResidentBytes();
            IdleMemory.Release();
            var returned = before - ResidentBytes();

            // 50 MiB of holes, each 16 whole pages less the one its chunk header touches: about 47 MiB can go back.
            // Half of the holes is the bar, so that other tests allocating at the same moment cannot fail it.
            Assert.True(returned > 24L << 20, $"Release returned {returned >> 20} MiB of the 50 MiB freed between live blocks.");
        }
        finally
        {
            foreach (var p in pointers) if (p != IntPtr.Zero) Marshal.FreeHGlobal(p);
        }
    }

    [Fact]
    public void Release_can_be_called_at_any_time()
    {
        IdleMemory.Release();
        IdleMemory.Release();
    }

    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        throw new InvalidOperationException("no VmRSS in /proc/self/status");
    }
}
