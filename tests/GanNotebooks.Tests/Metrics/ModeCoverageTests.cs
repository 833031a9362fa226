using GanNotebooks.Distributions;
using GanNotebooks.Metrics;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Metrics;

public class ModeCoverageTests
{
    [Fact]
    public void Samples_of_the_mixture_itself_cover_every_mode_with_the_3_sigma_fraction()
    {
        Seeds.Set(0);
        var ring = GaussianMixture2D.Ring();
        using var scope = NewDisposeScope();
        var r = ModeCoverage.Measure(ring.Sample(20000), ring);
        Assert.Equal(8, r.ModesCovered);
        // For an isotropic 2-D Gaussian, P(|x − μ| < 3σ) = 1 − exp(−9/2) = 0.98889 (Rayleigh distribution).
        // With 20,000 samples its standard error is sqrt(p(1−p)/n) ≈ 0.00074; allow 4 of them.
        Assert.InRange(r.HighQualityFraction, 0.98889 - 0.003, 0.98889 + 0.003);
        Assert.True(r.KlToUniform < 0.01);
    }

    [Fact]
    public void Collapsed_samples_cover_one_mode_and_have_KL_log_modes()
    {
        var ring = GaussianMixture2D.Ring();
        using var scope = NewDisposeScope();
        var at = ring.Centres[3];
        var samples = tensor(new[] { (float)at.X, (float)at.Y }).reshape(1, 2).repeat(100, 1);
        var r = ModeCoverage.Measure(samples, ring);
        Assert.Equal(1, r.ModesCovered);
        Assert.Equal(1.0, r.HighQualityFraction);
        Assert.Equal(100, r.SamplesPerMode[3]);
        Assert.Equal(Math.Log(8), r.KlToUniform, 12);
    }

    [Fact]
    public void Points_between_modes_are_not_high_quality()
    {
        var ring = GaussianMixture2D.Ring();
        using var scope = NewDisposeScope();
        var r = ModeCoverage.Measure(zeros(50, 2), ring);   // the centre of the ring: 2 units = 100σ from every mode
        Assert.Equal(0, r.ModesCovered);
        Assert.Equal(0.0, r.HighQualityFraction);
        Assert.True(double.IsNaN(r.KlToUniform));   // no high-quality sample: no histogram to compare
    }

    [Fact]
    public void Ring_and_grid_have_the_published_layouts()
    {
        var ring = GaussianMixture2D.Ring(8, radius: 2);
        Assert.Equal(8, ring.Centres.Distinct().Count());
        Assert.All(ring.Centres, c => Assert.Equal(2.0, Math.Sqrt(c.X * c.X + c.Y * c.Y), 12));
        var grid = GaussianMixture2D.Grid();
        Assert.Equal(25, grid.Modes);
        Assert.Equal(new[] { -4.0, -2, 0, 2, 4 }, grid.Centres.Select(c => c.X).Distinct().OrderBy(v => v));
        // The density integrates to 1 (midpoint rule on a fine grid around the ring).
        double h = 0.005, total = 0;
        for (var x = -2.2; x < 2.2; x += h)
        for (var y = -2.2; y < 2.2; y += h)
            total += ring.Density(x + h / 2, y + h / 2) * h * h;
        Assert.Equal(1.0, total, 3);
    }
}
