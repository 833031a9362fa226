using GanNotebooks.Distributions;
using GanNotebooks.Metrics;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Distributions;

public class ParallelLinesTests
{
    [Theory]
    [InlineData(0.7)]
    [InlineData(-0.05)]
    [InlineData(1e-4)]
    public void Separate_lines_have_JS_log_2_TV_1_and_W1_equal_to_the_gap(double theta)
    {
        var p0 = ParallelLines.Discretised(0, 50);
        var pTheta = ParallelLines.Discretised(theta, 50);
        Assert.Equal(Math.Log(2), DiscreteDivergences.JS(p0, pTheta), 12);
        Assert.Equal(1.0, DiscreteDivergences.TotalVariation(p0, pTheta), 12);
        Assert.True(double.IsPositiveInfinity(DiscreteDivergences.KL(pTheta, p0)));
        // Closed form W1 = |θ| (Arjovsky et al. 2017, Example 1): moving every point straight across is optimal.
        Assert.Equal(Math.Abs(theta), DiscreteDivergences.Wasserstein1(p0, pTheta), 10);
    }

    [Fact]
    public void Identical_lines_are_at_distance_zero()
    {
        var p0 = ParallelLines.Discretised(0, 50);
        Assert.Equal(0.0, DiscreteDivergences.JS(p0, ParallelLines.Discretised(0, 50)), 12);
        Assert.Equal(0.0, DiscreteDivergences.KL(p0, ParallelLines.Discretised(0, 50)), 12);
        Assert.Equal(0.0, DiscreteDivergences.Wasserstein1(p0, ParallelLines.Discretised(0, 50)), 12);
    }

    [Fact]
    public void Samples_lie_on_the_line_x_equals_theta_and_are_uniform_in_y()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var x = ParallelLines.Sample(0.3, 20000);
        Assert.Equal(new long[] { 20000, 2 }, x.shape);
        Assert.True((x.select(1, 0) - 0.3f).abs().max().item<float>() < 1e-6);
        var y = x.select(1, 1);
        Assert.InRange(y.min().item<float>(), 0f, 1f);
        Assert.InRange(y.max().item<float>(), 0f, 1f);
        // U[0,1] has mean 1/2 and variance 1/12; standard error of the mean is sqrt(1/12/20000) ≈ 0.002.
        Assert.InRange(y.mean().item<float>(), 0.5 - 0.008, 0.5 + 0.008);
        Assert.InRange(y.var().item<float>(), 1.0 / 12 - 0.003, 1.0 / 12 + 0.003);
    }

    [Fact]
    public void Blurred_JS_has_the_known_limits()
    {
        Assert.Equal(0.0, ParallelLines.JsWithInstanceNoise(0, 0.2), 9);
        // Far apart compared with σ the blurred lines are nearly disjoint again: JS → log 2.
        Assert.Equal(Math.Log(2), ParallelLines.JsWithInstanceNoise(5, 0.2), 6);
        // Small θ/σ: JS ≈ θ²/(8σ²), a quarter of KL(N(0,σ²)‖N(θ,σ²)) = θ²/(2σ²); the next term is smaller by a
        // factor of order (θ/σ)² = 0.0025, so allow a relative error of 1%.
        var (theta, sigma) = (0.01, 0.2);
        var leading = theta * theta / (8 * sigma * sigma);
        Assert.InRange(ParallelLines.JsWithInstanceNoise(theta, sigma), 0.99 * leading, 1.01 * leading);
    }

    [Fact]
    public void Blurred_JS_agrees_with_a_Monte_Carlo_estimate()
    {
        // Independent method: JS = ½ E_P log(2p/(p+q)) + ½ E_Q log(2q/(p+q)), estimated from 400,000 draws
        // of each 1-D Gaussian (the y factor cancels, see the method's remarks).
        var (theta, sigma) = (0.25, 0.2);
        var rng = new Random(42);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double Density(double x, double mean) => Math.Exp(-0.5 * (x - mean) * (x - mean) / (sigma * sigma));
        const int n = 400000;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var a = sigma * Normal();
            sum += 0.5 * Math.Log(2 * Density(a, 0) / (Density(a, 0) + Density(a, theta)));
            var b = theta + sigma * Normal();
            sum += 0.5 * Math.Log(2 * Density(b, theta) / (Density(b, 0) + Density(b, theta)));
        }
        // Each term is bounded by log 2, so the standard error is below log 2 / sqrt(n) ≈ 0.0011; allow 3 of them.
        Assert.Equal(sum / n, ParallelLines.JsWithInstanceNoise(theta, sigma), 0.0035);
    }
}
