using GanNotebooks.Metrics;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>
/// The "parallel lines" example of Arjovsky, Chintala and Bottou (WGAN, 2017, Example 1): with Z ~ U[0, 1],
/// P0 is the law of (0, Z) and Pθ the law of (θ, Z): two vertical unit segments a distance |θ| apart.
/// Both live on 1-D sets of the plane, so for θ ≠ 0 they do not overlap at all.
/// </summary>
public static class ParallelLines
{
    /// <summary>Draws n samples of Pθ as a [n, 2] float32 tensor (θ = 0 gives P0). Seed with <c>Seeds.Set</c>.</summary>
    public static Tensor Sample(double theta, int n, Device? device = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        var z = rand(n, 1);
        var x = cat(new[] { full(n, 1, theta), z }, 1);
        return x.to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Pθ discretised on its support: n atoms (θ, (k + ½)/n), k = 0..n−1, each of mass 1/n (the midpoint
    /// rule for Z ~ U[0, 1]). As n grows this measure converges to Pθ; it keeps the one property that
    /// matters here, that its atoms lie exactly on the line x = θ.
    /// </summary>
    public static DiscreteMeasure Discretised(double theta, int n)
    {
        Require.AtLeast(n, 1);
        var points = Enumerable.Range(0, n).Select(k => new[] { theta, (k + 0.5) / n }).ToArray();
        return new DiscreteMeasure(points, Enumerable.Repeat(1.0 / n, n).ToArray());
    }

    /// <summary>
    /// JS between P0 and Pθ after adding independent N(0, σ² I) noise to both (instance noise), in nats.
    /// The noise makes both distributions have densities on the whole plane, p0(x, y) = φσ(x) q(y) and
    /// pθ(x, y) = φσ(x − θ) q(y) with the same factor q(y); the common factor cancels, so the answer is the
    /// JS between N(0, σ²) and N(θ, σ²), computed by <see cref="Divergences.JS(IDistribution1D, IDistribution1D, double, double)"/>.
    /// </summary>
    public static double JsWithInstanceNoise(double theta, double sigma)
    {
        Require.Positive(sigma);
        Require.Finite(theta);
        return Divergences.JS(new Gaussian1D(0, sigma), new Gaussian1D(theta, sigma)).Value;
    }
}
