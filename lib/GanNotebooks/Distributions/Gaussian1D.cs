using System.Globalization;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>The normal distribution N(μ, σ²).</summary>
public sealed class Gaussian1D : IDistribution1D
{
    /// <summary>Creates N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    public Gaussian1D(double mean, double std)
    {
        Require.Finite(mean);
        Require.Positive(std);
        Mean = mean;
        Std = std;
    }

    /// <summary>The mean μ.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation σ.</summary>
    public double Std { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"N({Mean:G4}, {Std:G4}²)");

    /// <inheritdoc />
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <inheritdoc />
    public double LogDensity(double x)
    {
        var z = (x - Mean) / Std;
        return Distribution1D.StandardNormalLogDensity(z) - Math.Log(Std);
    }

    /// <summary>μ ± 12σ: the mass outside is about 4e-33.</summary>
    public (double Lo, double Hi) Range => (Mean - 12 * Std, Mean + 12 * Std);

    /// <inheritdoc />
    public IReadOnlyList<double> Breakpoints => Array.Empty<double>();

    /// <inheritdoc />
    public Tensor Sample(int n, Device? device = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        return (Mean + Std * randn(n, 1)).to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
