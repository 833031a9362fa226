using GanNotebooks.Distributions;

namespace GanNotebooks.Metrics;

/// <summary>
/// Kullback–Leibler and Jensen–Shannon divergences computed by quadrature from exact densities, each with an error
/// estimate. Natural logarithms throughout, so JS lies in [0, log 2].
/// <list type="bullet">
/// <item>KL(p‖q) = ∫ p log(p/q): 0 iff p = q, asymmetric, +∞ when q = 0 somewhere p &gt; 0.</item>
/// <item>JS(p‖q) = ½KL(p‖m) + ½KL(q‖m), m = (p + q)/2: symmetric, finite, equal to log 2 for disjoint supports.</item>
/// </list>
/// </summary>
public static class Divergences
{
    /// <summary>log 2, the largest value JS can take.</summary>
    public static readonly double Log2 = Math.Log(2);

    /// <summary>KL(p‖q) for two 1-D distributions, integrated over the union of their ranges.</summary>
    public static QuadratureResult KL(IDistribution1D p, IDistribution1D q, double absTol = 1e-12, double relTol = 1e-10)
    {
        var (lo, hi) = Distribution1D.UnionRange(p, q);
        return Quadrature.Integrate(x => KlIntegrand(p.LogDensity(x), q.LogDensity(x)), lo, hi,
                                    p.Breakpoints.Concat(q.Breakpoints), absTol, relTol);
    }

    /// <summary>JS(p‖q) for two 1-D distributions, integrated over the union of their ranges.</summary>
    public static QuadratureResult JS(IDistribution1D p, IDistribution1D q, double absTol = 1e-12, double relTol = 1e-10)
    {
        var (lo, hi) = Distribution1D.UnionRange(p, q);
        return Quadrature.Integrate(x => JsIntegrand(p.LogDensity(x), q.LogDensity(x)), lo, hi,
                                    p.Breakpoints.Concat(q.Breakpoints), absTol, relTol);
    }

    /// <summary>KL(p‖q) for densities given as functions on [lo, hi] (both must vanish outside it). Where q underflows
    /// to 0 but p does not, the integrand is +∞: prefer the <see cref="IDistribution1D"/> overload, which uses log
    /// densities, for distributions with light tails far apart.</summary>
    public static QuadratureResult KL(Func<double, double> p, Func<double, double> q, double lo, double hi,
                                      IEnumerable<double>? breakpoints = null, double absTol = 1e-12, double relTol = 1e-10) =>
        Quadrature.Integrate(x => KlIntegrand(SafeLog(p(x)), SafeLog(q(x))), lo, hi, breakpoints, absTol, relTol);

    /// <summary>JS(p‖q) for densities given as functions on [lo, hi] (both must vanish outside it).</summary>
    public static QuadratureResult JS(Func<double, double> p, Func<double, double> q, double lo, double hi,
                                      IEnumerable<double>? breakpoints = null, double absTol = 1e-12, double relTol = 1e-10) =>
        Quadrature.Integrate(x => JsIntegrand(SafeLog(p(x)), SafeLog(q(x))), lo, hi, breakpoints, absTol, relTol);

    /// <summary>KL(p‖q) for 2-D densities on a rectangle (for example two <see cref="GaussianMixture2D"/>s).</summary>
    public static QuadratureResult KL2D(Func<double, double, double> p, Func<double, double, double> q,
                                        (double Lo, double Hi) x, (double Lo, double Hi) y, double absTol = 1e-10, double relTol = 1e-8) =>
        Quadrature.Integrate2D((a, b) => KlIntegrand(SafeLog(p(a, b)), SafeLog(q(a, b))), x, y, absTol: absTol, relTol: relTol);

    /// <summary>JS(p‖q) for 2-D densities on a rectangle.</summary>
    public static QuadratureResult JS2D(Func<double, double, double> p, Func<double, double, double> q,
                                        (double Lo, double Hi) x, (double Lo, double Hi) y, double absTol = 1e-10, double relTol = 1e-8) =>
        Quadrature.Integrate2D((a, b) => JsIntegrand(SafeLog(p(a, b)), SafeLog(q(a, b))), x, y, absTol: absTol, relTol: relTol);

    /// <summary>The closed form KL(N(μ₁, σ₁²)‖N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½.</summary>
    public static double KLGaussians(double mean1, double std1, double mean2, double std2)
    {
        if (!(std1 > 0) || !(std2 > 0)) throw new ArgumentOutOfRangeException(nameof(std1), "Standard deviations must be > 0.");
        return Math.Log(std2 / std1) + (std1 * std1 + (mean1 - mean2) * (mean1 - mean2)) / (2 * std2 * std2) - 0.5;
    }

    /// <summary>The closed form for two Gaussians given as objects.</summary>
    public static double KLGaussians(Gaussian1D p, Gaussian1D q) => KLGaussians(p.Mean, p.Std, q.Mean, q.Std);

    /// <summary>p log(p/q) from log-densities: 0 where p = 0 (the limit of t log t), +∞ where q = 0 &lt; p.</summary>
    internal static double KlIntegrand(double logP, double logQ)
    {
        if (double.IsNegativeInfinity(logP)) return 0.0;
        if (double.IsNegativeInfinity(logQ)) return double.PositiveInfinity;
        var p = Math.Exp(logP);
        return p == 0 ? 0.0 : p * (logP - logQ);
    }

    /// <summary>½ p log(p/m) + ½ q log(q/m), m = (p + q)/2, from log-densities; log(p/m) = log 2 + log p − log(p + q)
    /// stays finite even where both densities underflow.</summary>
    internal static double JsIntegrand(double logP, double logQ)
    {
        var logSum = Distribution1D.LogAddExp(logP, logQ);
        if (double.IsNegativeInfinity(logSum)) return 0.0;
        var result = 0.0;
        if (!double.IsNegativeInfinity(logP)) result += 0.5 * Math.Exp(logP) * (Log2 + logP - logSum);
        if (!double.IsNegativeInfinity(logQ)) result += 0.5 * Math.Exp(logQ) * (Log2 + logQ - logSum);
        return result;
    }

    private static double SafeLog(double density) =>
        density > 0 ? Math.Log(density) :
        density == 0 ? double.NegativeInfinity :
        throw new ArgumentException($"A density must be ≥ 0; got {density}.");
}
