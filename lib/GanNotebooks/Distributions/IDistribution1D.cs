using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>
/// A probability distribution on the real line whose density is known exactly and which can be sampled.
/// Chapters 1 and 2 need both: samples to train a discriminator, and the exact densities to compute what the
/// discriminator should have learned (D*) and the divergences it measures.
/// </summary>
public interface IDistribution1D
{
    /// <summary>A short description, for titles and legends.</summary>
    string Name { get; }

    /// <summary>The probability density p(x) (0 outside the support).</summary>
    double Density(double x);

    /// <summary>log p(x) (−∞ outside the support). Computed directly rather than as log(Density(x)) so that far
    /// tails, where the density underflows to 0, still give finite log-ratios.</summary>
    double LogDensity(double x);

    /// <summary>An interval that holds all of the mass, or all but a negligible amount (below 1e-15): where plots
    /// and quadratures look.</summary>
    (double Lo, double Hi) Range { get; }

    /// <summary>Points where the density jumps or has a kink (the edges of a uniform). Quadratures split there,
    /// because a rule for smooth integrands converges slowly across a jump.</summary>
    IReadOnlyList<double> Breakpoints { get; }

    /// <summary>Draws <paramref name="n"/> samples as an [n, 1] float32 tensor on <paramref name="device"/>, from
    /// TorchSharp's generator (seed it with <c>Seeds.Set</c>).</summary>
    Tensor Sample(int n, Device? device = null);
}

/// <summary>Helpers shared by every <see cref="IDistribution1D"/>.</summary>
public static class Distribution1D
{
    /// <summary>The density at each point of <paramref name="xs"/> (for plotting).</summary>
    public static double[] Densities(this IDistribution1D p, IEnumerable<double> xs) => xs.Select(p.Density).ToArray();

    /// <summary><paramref name="count"/> evenly spaced points from <paramref name="lo"/> to <paramref name="hi"/>, both included.</summary>
    public static double[] Grid(double lo, double hi, int count)
    {
        Require.AtLeast(count, 2);
        if (!(hi > lo)) throw new ArgumentException($"hi must be > lo; got [{lo}, {hi}].");
        return Enumerable.Range(0, count).Select(i => lo + (hi - lo) * i / (count - 1)).ToArray();
    }

    /// <summary>The smallest interval containing the <see cref="IDistribution1D.Range"/> of every distribution given.</summary>
    public static (double Lo, double Hi) UnionRange(params IDistribution1D[] ps) =>
        (ps.Min(p => p.Range.Lo), ps.Max(p => p.Range.Hi));

    /// <summary>log(e^a + e^b) without overflow or underflow; −∞ when both are −∞.</summary>
    public static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        var m = Math.Max(a, b);
        return m + Math.Log(Math.Exp(a - m) + Math.Exp(b - m));
    }

    /// <summary>log φ(z), the standard normal log density.</summary>
    internal static double StandardNormalLogDensity(double z) => -0.5 * z * z - 0.5 * Math.Log(2 * Math.PI);
}
