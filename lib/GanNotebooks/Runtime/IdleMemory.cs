using System.Runtime.InteropServices;

namespace GanNotebooks.Runtime;

/// <summary>
/// Hands back to the operating system the memory a training process holds but no longer uses, so that a kernel that
/// trains for an hour keeps the footprint it had after its first minute.
/// </summary>
/// <remarks>
/// <para>
/// A training step allocates in two heaps, and neither gives memory back on its own schedule:
/// </para>
/// <list type="bullet">
/// <item>.NET's heap receives the small managed objects behind every tensor of the step (freed by the dispose
/// scope, but still garbage until collected). The garbage collector lets its youngest generation fill up to a
/// budget sized for throughput, tens of MiB on a desktop CPU, before it collects; a fresh kernel therefore grows by
/// that budget over its first few thousand steps.</item>
/// <item>The C allocator (glibc's malloc) receives libtorch's tensor storage. Freed blocks stay in its free lists, per
/// thread, and two OpenMP threads allocating batches of different sizes leave fragmented free space that keeps
/// growing slowly.</item>
/// </list>
/// <para>
/// <see cref="Release"/> collects the youngest generation (cheap: almost nothing in it survives a step) and asks glibc
/// to return its free pages (<c>malloc_trim</c>). Measured on the course's 2-D GAN (one thread), the resident memory
/// of a fresh kernel stayed flat from step 1,000 to step 8,000 with a release every 200 steps, and rose by a tenth
/// without; <c>gan-notebooks bench --soak</c> measures both loops. <see cref="Training.TrainingLoop"/> calls it every
/// <see cref="Training.TrainingLoop.ReleaseMemoryEvery"/> steps.
/// </para>
/// </remarks>
public static class IdleMemory
{
    private static bool _trimUnavailable = !RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>
    /// Collects .NET's youngest generation and, on Linux with glibc, returns the C allocator's free pages to the system.
    /// Safe to call at any time; it changes no tensor and no result.
    /// </summary>
    public static void Release()
    {
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        if (_trimUnavailable) return;
        try
        {
            malloc_trim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl, for example): its allocator has no trim; the collection above still helps.
            _trimUnavailable = true;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
