using System.Globalization;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>A weighted mixture of 1-D Gaussians: p(x) = Σ_k w_k N(x; μ_k, σ_k²). A multimodal data distribution.</summary>
public sealed class GaussianMixture1D : IDistribution1D
{
    private readonly double[] _logWeights;

    /// <summary>Creates the mixture; the weights are normalised to sum to 1.</summary>
    public GaussianMixture1D(double[] weights, double[] means, double[] stds)
    {
        if (weights.Length == 0) throw new ArgumentException("A mixture needs at least one component.", nameof(weights));
        if (means.Length != weights.Length || stds.Length != weights.Length)
            throw new ArgumentException($"weights, means and stds must have the same length; got {weights.Length}, {means.Length}, {stds.Length}.");
        Require.AllPositive(weights);
        Require.AllPositive(stds);
        Require.AllFinite(means);
        var total = weights.Sum();
        Weights = weights.Select(w => w / total).ToArray();
        _logWeights = Weights.Select(w => Math.Log(w)).ToArray();
        Components = means.Zip(stds, (m, s) => new Gaussian1D(m, s)).ToArray();
    }

    /// <summary>The normalised weights.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The Gaussian components.</summary>
    public IReadOnlyList<Gaussian1D> Components { get; }

    /// <inheritdoc />
    public string Name => "mixture of " + string.Join(" + ", Weights.Zip(Components, (w, c) =>
        string.Create(CultureInfo.InvariantCulture, $"{w:G3}·{c.Name}")));

    /// <inheritdoc />
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <summary>log Σ_k exp(log w_k + log N(x; μ_k, σ_k²)), summed stably.</summary>
    public double LogDensity(double x)
    {
        var result = double.NegativeInfinity;
        for (var k = 0; k < Components.Count; k++)
            result = Distribution1D.LogAddExp(result, _logWeights[k] + Components[k].LogDensity(x));
        return result;
    }

    /// <inheritdoc />
    public (double Lo, double Hi) Range => Distribution1D.UnionRange(Components.ToArray());

    /// <inheritdoc />
    public IReadOnlyList<double> Breakpoints => Array.Empty<double>();

    /// <summary>Picks a component for each sample with probability w_k, then samples that Gaussian.</summary>
    public Tensor Sample(int n, Device? device = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        var which = multinomial(Tensors.From(Weights, ScalarType.Float64), n, replacement: true);
        var means = Tensors.From(Components.Select(c => c.Mean)).index_select(0, which);
        var stds = Tensors.From(Components.Select(c => c.Std)).index_select(0, which);
        return (means + stds * randn(n)).reshape(n, 1).to(device ?? CPU).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
