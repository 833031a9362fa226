using System.Globalization;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>
/// The log-normal distribution: X = exp(μ + σZ) with Z ~ N(0, 1). Skewed to the right with a long right tail and
/// no mass at or below 0, so it is a data distribution that no Gaussian matches, and a case where
/// KL(p‖q) and KL(q‖p) differ strongly.
/// </summary>
public sealed class LogNormal1D : IDistribution1D
{
    /// <summary>Creates the law of exp(<paramref name="mu"/> + <paramref name="sigma"/>·Z).</summary>
    public LogNormal1D(double mu, double sigma)
    {
        Require.Finite(mu);
        Require.Positive(sigma);
        Mu = mu;
        Sigma = sigma;
    }

    /// <summary>The mean of log X.</summary>
    public double Mu { get; }

    /// <summary>The standard deviation of log X.</summary>
    public double Sigma { get; }

    /// <summary>E[X] = exp(μ + σ²/2).</summary>
    public double Mean => Math.Exp(Mu + Sigma * Sigma / 2);

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"LogNormal({Mu:G4}, {Sigma:G4}²)");

    /// <inheritdoc />
    public double Density(double x) => x > 0 ? Math.Exp(LogDensity(x)) : 0.0;

    /// <summary>log p(x) = log φ((log x − μ)/σ) − log σ − log x: the normal density of log x, times the Jacobian 1/x.</summary>
    public double LogDensity(double x)
    {
        if (!(x > 0)) return double.NegativeInfinity;
        var z = (Math.Log(x) - Mu) / Sigma;
        return Distribution1D.StandardNormalLogDensity(z) - Math.Log(Sigma) - Math.Log(x);
    }

    /// <summary>(0, exp(μ + 12σ)]: the mass above is about 2e-33.</summary>
    public (double Lo, double Hi) Range => (0.0, Math.Exp(Mu + 12 * Sigma));

    /// <summary>0, where the support starts.</summary>
    public IReadOnlyList<double> Breakpoints => new[] { 0.0 };

    /// <inheritdoc />
    public Tensor Sample(int n, Device? device = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        return exp(Mu + Sigma * randn(n, 1)).to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
