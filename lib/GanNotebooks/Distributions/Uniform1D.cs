using System.Globalization;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>The uniform distribution on [a, b]: the simplest case of distributions whose supports can be made
/// disjoint, where the Jensen-Shannon divergence gets stuck at log 2 (chapters 2 and 4).</summary>
public sealed class Uniform1D : IDistribution1D
{
    /// <summary>Creates U[<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public Uniform1D(double lo, double hi)
    {
        Require.Finite(lo);
        Require.Finite(hi);
        if (!(hi > lo)) throw new ArgumentException($"hi must be > lo; got [{lo}, {hi}].", nameof(hi));
        Lo = lo;
        Hi = hi;
    }

    /// <summary>The left edge a.</summary>
    public double Lo { get; }

    /// <summary>The right edge b.</summary>
    public double Hi { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"U[{Lo:G4}, {Hi:G4}]");

    /// <summary>1/(b − a) on [a, b], 0 elsewhere.</summary>
    public double Density(double x) => x >= Lo && x <= Hi ? 1.0 / (Hi - Lo) : 0.0;

    /// <inheritdoc />
    public double LogDensity(double x) => x >= Lo && x <= Hi ? -Math.Log(Hi - Lo) : double.NegativeInfinity;

    /// <summary>The support [a, b] itself.</summary>
    public (double Lo, double Hi) Range => (Lo, Hi);

    /// <summary>The two edges, where the density jumps.</summary>
    public IReadOnlyList<double> Breakpoints => new[] { Lo, Hi };

    /// <inheritdoc />
    public Tensor Sample(int n, Device? device = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        return (Lo + (Hi - Lo) * rand(n, 1)).to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
