using GanNotebooks.Metrics;

namespace GanNotebooks.Tests.Metrics;

public class GaussHermiteTests
{
    private static double DoubleFactorial(int k) => k <= 0 ? 1 : k * DoubleFactorial(k - 2);

    [Fact]
    public void The_rule_is_symmetric_with_weights_summing_to_one()
    {
        var (nodes, weights) = GaussHermite.StandardNormal(9);
        Assert.Equal(1.0, weights.Sum(), 14);
        Assert.All(weights, w => Assert.True(w > 0));
        for (var i = 0; i < 9; i++) Assert.Equal(-nodes[i], nodes[8 - i], 14);
        Assert.Equal(0.0, nodes[4], 14);
        // Two points: ±1 with weight 1/2 each (the roots of He₂ = x² − 1).
        var (two, twoWeights) = GaussHermite.StandardNormal(2);
        Assert.Equal(new[] { -1.0, 1.0 }, two.Select(x => Math.Round(x, 13)));
        Assert.Equal(new[] { 0.5, 0.5 }, twoWeights.Select(w => Math.Round(w, 13)));
    }

    [Fact]
    public void Moments_are_exact_up_to_degree_2n_minus_1()
    {
        // E ε^(2k) = σ^(2k) (2k − 1)!!, odd moments 0; an n-point rule is exact up to degree 2n − 1 = 11 here.
        const int n = 6;
        const double sigma = 0.7;
        for (var k = 0; k <= 11; k++)
        {
            var exact = k % 2 == 1 ? 0 : Math.Pow(sigma, k) * DoubleFactorial(k - 1);
            Assert.Equal(exact, GaussHermite.Expectation(e => Math.Pow(e, k), sigma, n), 12);
        }
        // Degree 12 is the first it gets wrong: E ε¹² = 11!! = 10395 for σ = 1.
        Assert.NotEqual(10395.0, GaussHermite.Expectation(e => Math.Pow(e, 12), 1.0, n), 3);
    }

    [Fact]
    public void Smooth_expectations_match_closed_forms()
    {
        // E cos(aε) = exp(−a²σ²/2); E softplus... is not closed, but E exp(ε) = exp(σ²/2) is.
        Assert.Equal(Math.Exp(-0.5 * 4 * 0.49), GaussHermite.Expectation(e => Math.Cos(2 * e), 0.7, 30), 13);
        Assert.Equal(Math.Exp(0.5 * 1.5 * 1.5), GaussHermite.Expectation(Math.Exp, 1.5, 30), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussHermite.StandardNormal(0));
    }
}
