using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>
/// An equal-weight mixture of isotropic 2-D Gaussians: the standard toy data for mode collapse
/// (8 modes on a ring, 25 on a grid), as in the VEEGAN, Unrolled GAN and PacGAN experiments.
/// </summary>
public sealed class GaussianMixture2D
{
    /// <summary>Creates a mixture with the given mode centres and common standard deviation.</summary>
    public GaussianMixture2D(string name, IReadOnlyList<(double X, double Y)> centres, double std)
    {
        if (centres.Count == 0) throw new ArgumentException("A mixture needs at least one mode.", nameof(centres));
        Require.Positive(std);
        Name = name;
        Centres = centres;
        Std = std;
    }

    /// <summary>A short description, for titles.</summary>
    public string Name { get; }

    /// <summary>The mode centres.</summary>
    public IReadOnlyList<(double X, double Y)> Centres { get; }

    /// <summary>The standard deviation of every component, in each coordinate.</summary>
    public double Std { get; }

    /// <summary>Number of modes.</summary>
    public int Modes => Centres.Count;

    /// <summary>
    /// <paramref name="modes"/> Gaussians evenly spaced on a circle (angles 2πk/modes, k = 0..modes−1; the
    /// endpoint is excluded, unlike a known bug that makes two modes coincide).
    /// </summary>
    public static GaussianMixture2D Ring(int modes = 8, double radius = 2.0, double std = 0.02)
    {
        Require.AtLeast(modes, 1);
        var centres = Enumerable.Range(0, modes)
            .Select(k => (radius * Math.Cos(2 * Math.PI * k / modes), radius * Math.Sin(2 * Math.PI * k / modes))).ToList();
        return new GaussianMixture2D($"{modes} Gaussians on a ring (r = {radius}, σ = {std})", centres, std);
    }

    /// <summary>A side × side grid of Gaussians at spacing <paramref name="spacing"/>, centred on the origin
    /// (the default is PacGAN's {−4, −2, 0, 2, 4}², σ = 0.05).</summary>
    public static GaussianMixture2D Grid(int side = 5, double spacing = 2.0, double std = 0.05)
    {
        Require.AtLeast(side, 1);
        var offset = (side - 1) / 2.0;
        var centres = (from i in Enumerable.Range(0, side) from j in Enumerable.Range(0, side)
                       select ((i - offset) * spacing, (j - offset) * spacing)).ToList();
        return new GaussianMixture2D($"{side * side} Gaussians on a grid (spacing {spacing}, σ = {std})", centres, std);
    }

    /// <summary>Draws <paramref name="n"/> samples as a [n, 2] float32 tensor on <paramref name="device"/>.</summary>
    /// <param name="n">Number of samples.</param>
    /// <param name="device">Where the samples are returned (CPU when null).</param>
    /// <param name="generator">The random stream to draw from; null: TorchSharp's global one (seed it with
    /// <c>Seeds.Set</c>), drawn on the CPU. A training run that has its own stream draws the same samples however
    /// other runs interleave with it; that stream must live on <paramref name="device"/>, where the draws are made.</param>
    public Tensor Sample(int n, Device? device = null, Generator? generator = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        // The global stream draws on the CPU, so that a seed gives the same samples on every device.
        var drawOn = generator is null ? CPU : device ?? CPU;
        var centres = CentreTensor(drawOn);
        var which = randint(0, Modes, new long[] { n }, device: drawOn, generator: generator);
        var x = centres.index_select(0, which) + Std * randn(new long[] { n, 2 }, device: drawOn, generator: generator);
        return x.to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <summary>The mode centres as a float32 tensor [<see cref="Modes"/>, 2], row k = centre k.</summary>
    public Tensor CentreTensor(Device? device = null) =>
        Tensors.Rows(Centres.Select(c => new[] { c.X, c.Y }), device: device);

    /// <summary>The mixture density at (x, y).</summary>
    public double Density(double x, double y)
    {
        var norm = 1.0 / (2 * Math.PI * Std * Std) / Modes;
        return Centres.Sum(c => norm * Math.Exp(-((x - c.X) * (x - c.X) + (y - c.Y) * (y - c.Y)) / (2 * Std * Std)));
    }
}
