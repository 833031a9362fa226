namespace GanNotebooks.Metrics;

/// <summary>
/// A probability measure made of finitely many atoms: point <c>Points[i]</c> carries mass <c>Weights[i]</c>.
/// Discretising two continuous distributions on their supports, or taking the empirical measures of two
/// samples, gives such measures, and every distance of chapter 4 (KL, JS, total variation, Wasserstein)
/// can then be computed exactly by <see cref="DiscreteDivergences"/>.
/// </summary>
public sealed class DiscreteMeasure
{
    /// <summary>Creates a measure; the weights must be ≥ 0 and sum to 1 (within 1e-9), all points of one dimension.</summary>
    public DiscreteMeasure(IReadOnlyList<double[]> points, IReadOnlyList<double> weights)
    {
        if (points.Count == 0) throw new ArgumentException("A measure needs at least one atom.", nameof(points));
        if (weights.Count != points.Count)
            throw new ArgumentException($"{points.Count} points but {weights.Count} weights.", nameof(weights));
        var dim = points[0].Length;
        if (dim == 0 || points.Any(p => p.Length != dim))
            throw new ArgumentException("All points must have the same, positive dimension.", nameof(points));
        if (weights.Any(w => !(w >= 0) || !double.IsFinite(w)))
            throw new ArgumentException("Weights must be finite and ≥ 0.", nameof(weights));
        var total = weights.Sum();
        if (Math.Abs(total - 1) > 1e-9) throw new ArgumentException($"Weights must sum to 1; they sum to {total}.", nameof(weights));
        Points = points;
        Weights = weights;
        Dimension = dim;
    }

    /// <summary>The atoms' positions.</summary>
    public IReadOnlyList<double[]> Points { get; }

    /// <summary>The atoms' masses (sum 1).</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The dimension of the space the atoms live in.</summary>
    public int Dimension { get; }

    /// <summary>Number of atoms.</summary>
    public int Count => Points.Count;

    /// <summary>True when every atom has the same mass 1/n (the empirical measure of n distinct samples).</summary>
    public bool IsUniform => Weights.All(w => Math.Abs(w - 1.0 / Count) <= 1e-12);

    /// <summary>The empirical measure of a sample: mass 1/n on each of the n points.</summary>
    public static DiscreteMeasure Empirical(IReadOnlyList<double[]> samples) =>
        new(samples, Enumerable.Repeat(1.0 / samples.Count, samples.Count).ToArray());
}
