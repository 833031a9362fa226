using static TorchSharp.torch;

namespace GanNotebooks.Runtime;

/// <summary>Seeding for reproducible runs.</summary>
public static class Seeds
{
    /// <summary>
    /// Seeds TorchSharp's CPU and CUDA generators and returns a <see cref="Random"/> with the same seed for
    /// the library's own sampling. On the CPU a run is then repeatable bit for bit; CUDA kernels may still
    /// differ in the last digits from run to run.
    /// </summary>
    public static Random Set(int seed)
    {
        Require.AtLeast(seed, 0);
        TorchSharpNatives.EnsureLoadable();
        manual_seed(seed);
        if (cuda.is_available()) cuda.manual_seed_all(seed);
        return new Random(seed);
    }
}
