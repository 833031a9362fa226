using GanNotebooks.Distributions;
using GanNotebooks.Metrics;
using GanNotebooks.Tests.Distributions;

namespace GanNotebooks.Tests.Metrics;

public class DivergencesTests
{
    private static readonly double Log2 = Math.Log(2);

    [Theory]
    [InlineData(0.0, 1.0, 0.0, 1.0)]
    [InlineData(0.0, 1.0, 1.0, 1.0)]
    [InlineData(0.0, 1.0, 0.0, 2.0)]
    [InlineData(-1.0, 0.5, 2.0, 3.0)]
    [InlineData(3.0, 2.0, -1.0, 0.3)]
    public void Quadrature_KL_between_Gaussians_matches_the_closed_form(double m1, double s1, double m2, double s2)
    {
        // The closed form and the quadrature share nothing but the densities; 1e-8 is far above the quadrature's
        // own error estimate (≤ 1e-10 relative) and far below any mistake in the formula.
        var quad = Divergences.KL(new Gaussian1D(m1, s1), new Gaussian1D(m2, s2));
        Assert.Equal(Divergences.KLGaussians(m1, s1, m2, s2), quad.Value, 8);
        Assert.True(quad.ErrorEstimate < 1e-8);
    }

    [Fact]
    public void KL_is_asymmetric_and_infinite_off_the_support()
    {
        var narrow = new Uniform1D(0, 1);
        var wide = new Uniform1D(0, 2);
        Assert.Equal(Log2, Divergences.KL(narrow, wide).Value, 12);   // ∫₀¹ 1·log(1/(1/2)) dx
        Assert.True(double.IsPositiveInfinity(Divergences.KL(wide, narrow).Value));
        Assert.NotEqual(Divergences.KLGaussians(0, 1, 0, 2), Divergences.KLGaussians(0, 2, 0, 1), 3);
    }

    [Fact]
    public void JS_is_zero_for_identical_and_log_2_for_disjoint_distributions()
    {
        var p = new GaussianMixture1D(new[] { 0.4, 0.6 }, new[] { -1.5, 1.5 }, new[] { 0.6, 0.8 });
        Assert.True(Math.Abs(Divergences.JS(p, p).Value) < 1e-12);
        Assert.Equal(Log2, Divergences.JS(new Uniform1D(0, 1), new Uniform1D(3, 10)).Value, 12);
        Assert.Equal(Log2, Divergences.JS(new Uniform1D(0, 1), new Uniform1D(1, 2)).Value, 12);   // touching is still disjoint
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void JS_of_shifted_uniforms_is_shift_times_log_2(double shift)
    {
        // U[0,1] against U[s, 1+s]: where only one density is positive (two pieces of length s) the integrand is
        // ½·1·log 2; on the overlap p = q = m and it is 0. So JS = s log 2.
        Assert.Equal(shift * Log2, Divergences.JS(new Uniform1D(0, 1), new Uniform1D(shift, 1 + shift)).Value, 12);
    }

    [Fact]
    public void JS_between_Gaussians_matches_an_independent_Simpson_integral_and_is_symmetric_and_bounded()
    {
        foreach (var mu in new[] { 0.3, 1.0, 2.5, 6.0, 12.0 })
        {
            var p = new Gaussian1D(0, 1);
            var q = new Gaussian1D(mu, 1);
            // Straight from the definition, with densities (no logs-of-sums tricks), by Simpson.
            double Term(double a, double m) => a > 0 ? a * Math.Log(a / m) : 0;
            var simpson = Distribution1DTests.Simpson(x =>
            {
                double a = p.Density(x), b = q.Density(x), m = (a + b) / 2;
                return m > 0 ? 0.5 * Term(a, m) + 0.5 * Term(b, m) : 0;
            }, -15, mu + 15, 400_000);
            var js = Divergences.JS(p, q).Value;
            Assert.True(Math.Abs(js - simpson) < 1e-9, $"μ = {mu}: quadrature {js:R}, Simpson {simpson:R}");
            Assert.Equal(js, Divergences.JS(q, p).Value, 12);
            Assert.InRange(js, 0, Log2);
        }
    }

    [Fact]
    public void Function_overloads_agree_with_the_distribution_overloads()
    {
        var p = new Gaussian1D(0, 1);
        var q = new LogNormal1D(0, 0.5);
        var (lo, hi) = Distribution1D.UnionRange(p, q);
        Assert.Equal(Divergences.JS(p, q).Value, Divergences.JS(p.Density, q.Density, lo, hi, new[] { 0.0 }).Value, 9);
        var r = new GaussianMixture1D(new[] { 0.3, 0.7 }, new[] { -1.0, 1.0 }, new[] { 0.7, 1.2 });
        Assert.Equal(Divergences.KL(r, p).Value, Divergences.KL(r.Density, p.Density, -20, 20).Value, 9);
    }

    [Fact]
    public void Log_densities_keep_KL_finite_where_densities_underflow()
    {
        // KL(lognormal ‖ N(0,1)) is finite, but at x ≈ 40 the Gaussian density underflows to 0 while the lognormal's
        // is still ~1e-12: from densities alone the integrand looks infinite. The distribution overload uses logs.
        var p = new Gaussian1D(0, 1);
        var q = new LogNormal1D(0, 0.5);
        Assert.True(double.IsFinite(Divergences.KL(q, p).Value));
        Assert.True(double.IsPositiveInfinity(Divergences.KL(q.Density, p.Density, 0, q.Range.Hi).Value));
    }

    [Fact]
    public void Two_dimensional_KL_of_product_Gaussians_is_the_sum_of_one_dimensional_closed_forms()
    {
        static double N(double x, double m, double s) => Math.Exp(-(x - m) * (x - m) / (2 * s * s)) / (s * Math.Sqrt(2 * Math.PI));
        double P(double x, double y) => N(x, 0, 1) * N(y, 0.5, 0.8);
        double Q(double x, double y) => N(x, 1, 1.5) * N(y, 0, 1);
        var kl = Divergences.KL2D(P, Q, (-12, 12), (-12, 12));
        Assert.Equal(Divergences.KLGaussians(0, 1, 1, 1.5) + Divergences.KLGaussians(0.5, 0.8, 0, 1), kl.Value, 6);
    }

    [Fact]
    public void Two_dimensional_JS_reduces_to_one_dimension_when_a_coordinate_is_shared()
    {
        // p(x)r(y) and q(x)r(y): m = ((p+q)/2)·r, the r factors cancel in the logs and integrate to 1.
        var p = new Gaussian1D(0, 1);
        var q = new Gaussian1D(1.5, 0.7);
        var r = new GaussianMixture1D(new[] { 1.0, 1.0 }, new[] { -1.0, 1.0 }, new[] { 0.5, 0.5 });
        var js2 = Divergences.JS2D((x, y) => p.Density(x) * r.Density(y), (x, y) => q.Density(x) * r.Density(y), (-10, 12), (-8, 8));
        Assert.Equal(Divergences.JS(p, q).Value, js2.Value, 6);
        var ring = GaussianMixture2D.Ring(8, 2.0, 0.3);
        Assert.True(Math.Abs(Divergences.JS2D(ring.Density, ring.Density, (-4, 4), (-4, 4)).Value) < 1e-10);
    }
}
