using GanNotebooks.Metrics;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Metrics;

public class WassersteinDistanceTests
{
    [Fact]
    public void W1_of_a_shifted_sample_is_the_shift()
    {
        // Moving every point by s is a transport plan of cost |s|, and no plan is cheaper (the means differ by s).
        var random = new Random(1);
        var a = Enumerable.Range(0, 500).Select(_ => random.NextDouble() * 3 - 1).ToArray();
        Assert.Equal(0.37, Wasserstein1D.Distance(a, a.Select(v => v + 0.37).ToArray()), 12);
        Assert.Equal(0.37, Wasserstein1D.Distance(a.Select(v => v - 0.37).ToArray(), a), 12);
        Assert.Equal(0.0, Wasserstein1D.Distance(a, a.Reverse().ToArray()), 12);
    }

    [Fact]
    public void W1_of_small_samples_matches_hand_computed_plans()
    {
        // {0, 1} vs {0.5}: each half unit of mass moves 0.5.
        Assert.Equal(0.5, Wasserstein1D.Distance(new[] { 0.0, 1.0 }, new[] { 0.5 }), 12);
        // {0} vs {0, 1}: half of the mass moves 1.
        Assert.Equal(0.5, Wasserstein1D.Distance(new[] { 0.0 }, new[] { 0.0, 1.0 }), 12);
        // Equal sizes: mean of the sorted differences, (|1 − 0| + |2 − 3| + |3 − 6|)/3 = 5/3.
        Assert.Equal(5.0 / 3, Wasserstein1D.Distance(new[] { 3.0, 1.0, 2.0 }, new[] { 0.0, 6.0, 3.0 }), 12);
        // Symmetric.
        Assert.Equal(Wasserstein1D.Distance(new[] { 0.0, 4.0, 5.0 }, new[] { 1.0, 2.0 }),
                     Wasserstein1D.Distance(new[] { 1.0, 2.0 }, new[] { 0.0, 4.0, 5.0 }), 12);
    }

    [Fact]
    public void W1_of_unequal_sized_uniform_samples_matches_the_quantile_formula()
    {
        // W1(U[0,1], U[0,2]) = ∫₀¹ |u − 2u| du = 1/2. Exact quantile grids of sizes 1000 and 1500 (midpoints)
        // differ from the continuous laws by at most half a grid step, so the answer is within 1e-3.
        var a = Enumerable.Range(0, 1000).Select(i => (i + 0.5) / 1000).ToArray();
        var b = Enumerable.Range(0, 1500).Select(i => 2 * (i + 0.5) / 1500).ToArray();
        Assert.Equal(0.5, Wasserstein1D.Distance(a, b), 3);
    }

    [Fact]
    public void W1_of_two_gaussians_with_equal_variance_is_the_distance_of_the_means()
    {
        // Translation is optimal between N(μ1, σ²) and N(μ2, σ²), so W1 = |μ1 − μ2| = 1.5.
        // Sampling error: the W1 between two independent samples of n = 200,000 from the same N(0,1) is of order
        // sqrt(1/n)·const ≈ 0.003; allow 0.02.
        Seeds.Set(3);
        using var scope = NewDisposeScope();
        var a = randn(200_000) * 0.7 + 0.25;
        var b = randn(150_000) * 0.7 - 1.25;
        Assert.Equal(1.5, Wasserstein1D.Distance(a, b), 0.02);
    }

    [Fact]
    public void Sliced_W_of_identical_sets_is_zero_and_of_a_translation_is_two_over_pi_of_its_length()
    {
        Seeds.Set(4);
        using var scope = NewDisposeScope();
        var a = randn(3000, 2);
        Assert.Equal(0.0, SlicedWasserstein.Distance(a, a.clone()), 12);
        Assert.Equal(0.0, SlicedWasserstein.Distance(a, a.flip(0)), 10);   // order of the rows does not matter
        // Each slice moves every projected point by |⟨v, u⟩|; E|cos φ| = 2/π for a uniform angle. With 4000
        // directions the Monte Carlo error of the mean of |cos| (sd ≈ 0.31) is about 0.005 relative; allow 2%.
        var v = tensor(new float[] { 0.6f, -0.8f });   // |v| = 1
        var sw = SlicedWasserstein.Distance(a, a + v, projections: 4000);
        Assert.Equal(2 / Math.PI, sw, 0.02 * 2 / Math.PI);
    }

    [Fact]
    public void Sliced_W_with_unequal_sizes_agrees_with_equal_sizes_and_is_at_most_W1_of_the_shift()
    {
        Seeds.Set(5);
        using var scope = NewDisposeScope();
        var a = randn(2000, 2);
        var b = randn(2000, 2) + 1.0;
        var equal = SlicedWasserstein.Distance(a, b, projections: 50);
        // Duplicating every row of b gives the same empirical law, so the unequal-size path must agree.
        var unequal = SlicedWasserstein.Distance(a, cat(new[] { b, b }, 0), projections: 50);
        Assert.Equal(equal, unequal, 9);
        // A projection never lengthens a path: sliced W ≤ W1 ≤ |shift| = √2.
        Assert.True(equal < Math.Sqrt(2));
    }

    [Fact]
    public void Directions_are_unit_vectors_and_reproducible()
    {
        var d1 = SlicedWasserstein.Directions(3, 10, seed: 7);
        var d2 = SlicedWasserstein.Directions(3, 10, seed: 7);
        Assert.Equal(d1, d2);
        for (var k = 0; k < 10; k++)
            Assert.Equal(1.0, Math.Sqrt(d1[3 * k] * d1[3 * k] + d1[3 * k + 1] * d1[3 * k + 1] + d1[3 * k + 2] * d1[3 * k + 2]), 12);
    }
}
