using static TorchSharp.torch;

namespace GanNotebooks.Runtime;

/// <summary>Chooses where tensors live: a CUDA GPU when there is one, else the CPU.</summary>
public static class Devices
{
    // The accepted values of a notebook's device parameter.
    private static readonly string[] Choices = { "auto", "cpu", "cuda" };

    /// <summary>
    /// Returns the device named by <paramref name="preference"/>: "auto" (CUDA when available, else CPU),
    /// "cpu", or "cuda" (fails with a clear message when no GPU is usable).
    /// </summary>
    public static Device Choose(string preference = "auto")
    {
        TorchSharpNatives.EnsureLoadable();
        return preference?.Trim().ToLowerInvariant() switch
        {
            "auto" => cuda.is_available() ? CUDA : CPU,
            "cpu" => CPU,
            "cuda" => cuda.is_available()
                ? CUDA
                : throw new ArgumentException(
                    "device = \"cuda\" but CUDA is not available: reference TorchSharp-cuda-linux (or -windows) instead of " +
                    "TorchSharp-cpu in the setup cell, restart the kernel, or use device = \"auto\".", nameof(preference)),
            _ => throw new ArgumentException($"device must be one of {string.Join(", ", Choices)}; got \"{preference}\".", nameof(preference)),
        };
    }
}
