using GanNotebooks.Distributions;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Distributions;

public class Distribution1DTests
{
    public static IEnumerable<object[]> All() => new[]
    {
        new object[] { "gaussian", new Gaussian1D(0.5, 1.3) },
        new object[] { "mixture", new GaussianMixture1D(new[] { 0.4, 0.6 }, new[] { -1.5, 1.5 }, new[] { 0.6, 0.8 }) },
        new object[] { "uniform", new Uniform1D(-1, 2) },
        new object[] { "lognormal", new LogNormal1D(0.0, 0.5) },
        new object[] { "generator", MonotoneGenerator1D.Random(seed: 3, hidden: 4) },
    };

    /// <summary>Composite Simpson on [a, b] with n (even) panels, an integrator independent of the library's
    /// Gauss–Kronrod; its error is ≤ (b − a) h⁴ max|f⁗| / 180.</summary>
    internal static double Simpson(Func<double, double> f, double a, double b, int n = 200_000)
    {
        var h = (b - a) / n;
        var sum = f(a) + f(b);
        for (var i = 1; i < n; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }

    /// <summary>Simpson on each piece between breakpoints, so a jump never falls inside a panel.</summary>
    internal static double PiecewiseSimpson(IDistribution1D p, Func<double, double> f, double a, double b, int n = 200_000)
    {
        var cuts = new[] { a }.Concat(p.Breakpoints.Where(x => x > a && x < b)).Append(b).ToArray();
        var total = 0.0;
        for (var i = 0; i + 1 < cuts.Length; i++)
        {
            // Stay a hair inside each piece: at a jump the density's value at the edge belongs to one side only.
            var eps = 1e-12 * Math.Max(1, Math.Abs(cuts[i + 1] - cuts[i]));
            total += Simpson(f, cuts[i] + eps, cuts[i + 1] - eps, n);
        }
        return total;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Density_integrates_to_one_over_its_range(string name, IDistribution1D p)
    {
        // For these smooth pieces Simpson with 200,000 panels is accurate to ~1e-12; the mass outside Range is < 1e-15.
        var mass = PiecewiseSimpson(p, p.Density, p.Range.Lo, p.Range.Hi);
        Assert.True(Math.Abs(mass - 1) < 1e-8, $"{name}: ∫ p = {mass:R}");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Log_density_is_the_log_of_the_density_where_it_is_positive(string name, IDistribution1D p)
    {
        foreach (var x in Distribution1D.Grid(p.Range.Lo, p.Range.Hi, 101).Skip(1).SkipLast(1))
        {
            var d = p.Density(x);
            if (d > 1e-300) Assert.True(Math.Abs(Math.Log(d) - p.LogDensity(x)) < 1e-9, $"{name} at {x}");
            else Assert.True(p.LogDensity(x) < -600, $"{name} at {x}: log density {p.LogDensity(x)} for density {d}");
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Samples_follow_the_density(string name, IDistribution1D p)
    {
        // Histogram of 200,000 samples in 20 bins between the 0.1% and 99.9% sample quantiles, compared with the bin
        // probability integrated from the density: a bin count is Binomial(n, π), standard error sqrt(π(1−π)/n).
        // 5 standard errors: with 20 bins × 5 distributions, a correct sampler fails with probability ~1e-4 (and the
        // seed is fixed, so the outcome is repeatable).
        Seeds.Set(1);
        const int n = 200_000;
        double[] xs;
        using (var scope = NewDisposeScope())
        {
            var t = p.Sample(n);
            Assert.Equal(new long[] { n, 1 }, t.shape);
            Assert.Equal(ScalarType.Float32, t.dtype);
            xs = t.to_type(ScalarType.Float64).data<double>().ToArray();
        }
        var sorted = xs.OrderBy(v => v).ToArray();
        double lo = sorted[n / 1000], hi = sorted[n - n / 1000];
        const int bins = 20;
        for (var b = 0; b < bins; b++)
        {
            double a = lo + (hi - lo) * b / bins, c = lo + (hi - lo) * (b + 1) / bins;
            var observed = xs.Count(v => v >= a && v < c) / (double)n;
            var expected = PiecewiseSimpson(p, p.Density, a, c, 2000);
            var se = Math.Sqrt(expected * (1 - expected) / n);
            Assert.True(Math.Abs(observed - expected) <= 5 * se + 1e-12, $"{name}, bin [{a:F3}, {c:F3}): observed {observed:F5}, expected {expected:F5} ± {se:F5}");
        }
    }

    [Fact]
    public void Gaussian_density_is_the_textbook_formula()
    {
        var g = new Gaussian1D(-0.7, 2.5);
        foreach (var x in new[] { -8.0, -0.7, 0.0, 3.3 })
            Assert.Equal(Math.Exp(-(x + 0.7) * (x + 0.7) / (2 * 2.5 * 2.5)) / (2.5 * Math.Sqrt(2 * Math.PI)), g.Density(x), 14);
    }

    [Fact]
    public void Mixture_density_is_the_weighted_sum_of_its_components_and_weights_are_normalised()
    {
        var m = new GaussianMixture1D(new[] { 2.0, 6.0 }, new[] { -1.0, 2.0 }, new[] { 0.5, 1.5 });
        Assert.Equal(0.25, m.Weights[0], 15);
        foreach (var x in new[] { -3.0, -1.0, 0.4, 2.0, 7.0 })
            Assert.Equal(0.25 * new Gaussian1D(-1, 0.5).Density(x) + 0.75 * new Gaussian1D(2, 1.5).Density(x), m.Density(x), 14);
        // Far in the tail the density underflows, but the log density stays finite and exact.
        Assert.Equal(Math.Log(0.75) + new Gaussian1D(2, 1.5).LogDensity(200), m.LogDensity(200), 8);
    }

    [Fact]
    public void Uniform_is_flat_inside_and_zero_outside()
    {
        var u = new Uniform1D(1, 5);
        Assert.Equal(0.25, u.Density(3));
        Assert.Equal(0.0, u.Density(0.99));
        Assert.True(double.IsNegativeInfinity(u.LogDensity(5.01)));
        Assert.Equal(new[] { 1.0, 5.0 }, u.Breakpoints);
    }

    [Fact]
    public void Lognormal_mean_matches_its_closed_form()
    {
        var p = new LogNormal1D(0.3, 0.4);
        var mean = Simpson(x => x * p.Density(x), 1e-12, p.Range.Hi);
        Assert.Equal(Math.Exp(0.3 + 0.08), mean, 8);
    }

    [Fact]
    public void Bad_parameters_fail_with_their_name()
    {
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => new Gaussian1D(0, 0)).ParamName);
        Assert.Equal("hi", Assert.Throws<ArgumentException>(() => new Uniform1D(2, 1)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => new LogNormal1D(0, -1)).ParamName);
        Assert.Equal("stds", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture1D(new[] { 1.0 }, new[] { 0.0 }, new[] { 0.0 })).ParamName);
    }
}
