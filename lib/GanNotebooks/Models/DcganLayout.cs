using GanNotebooks.Runtime;

namespace GanNotebooks.Models;

/// <summary>
/// The spatial plan shared by <see cref="DcganGenerator"/> and <see cref="DcganEncoder"/>: a DCGAN halves
/// (encoder) or doubles (generator) the image side at every stride-2 convolution, between the image and a small
/// square "base" feature map. 28×28 digits use a 7×7 base and 2 steps; a power-of-two side (32, 64, 128) uses a
/// 4×4 base, as the O-GAN reference code does (4 steps for 64×64, 5 for 128×128).
/// </summary>
public sealed record DcganLayout(int ImageSize, int BaseSize, int Steps)
{
    /// <summary>Finds the layout for an image side; fails for sides a stride-2 stack cannot reach.</summary>
    public static DcganLayout For(int imageSize)
    {
        foreach (var baseSize in new[] { 7, 4 })
            for (var steps = 1; steps <= 6; steps++)
                if (baseSize << steps == imageSize) return new DcganLayout(imageSize, baseSize, steps);
        throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize,
            "imageSize must be 7·2^k (14, 28, 56, ...) or 4·2^k (8, 16, 32, 64, 128, 256) with 1 ≤ k ≤ 6.");
    }

    /// <summary>Feature channels after encoder step <paramref name="i"/> (0-based): width, 2·width, 4·width, ...;
    /// the generator uses the same widths in reverse order.</summary>
    public int Channels(int width, int i) => width << i;

    /// <summary>The checks shared by <see cref="DcganGenerator"/> and <see cref="DcganEncoder"/>.</summary>
    internal static void CheckSizes(int latentDim, int channels, int width)
    {
        Require.AtLeast(latentDim, 1);
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1 or 3.");
        Require.AtLeast(width, 1);
    }

    /// <summary>The padding that makes a k×k, stride-2 convolution exactly halve the side ("same" padding).</summary>
    internal static (int Padding, int OutputPadding) SamePadding(int kernelSize) => kernelSize switch
    {
        4 => (1, 0),
        5 => (2, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "kernelSize must be 4 or 5."),
    };
}
