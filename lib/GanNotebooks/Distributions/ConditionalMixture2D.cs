using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>
/// A 2-D Gaussian mixture whose mode index is the condition: the toy data of conditional generation.
/// A sample is a pair (x, c) with c uniform over the modes and x ~ N(centre_c, σ²I), so the data given c is one
/// Gaussian and the data without c is the whole mixture.
/// </summary>
public sealed class ConditionalMixture2D
{
    /// <summary>Wraps <paramref name="mixture"/>; its mode k is the class k.</summary>
    public ConditionalMixture2D(GaussianMixture2D mixture) => Mixture = mixture;

    /// <summary>The underlying mixture (centres, σ).</summary>
    public GaussianMixture2D Mixture { get; }

    /// <summary>Number of classes (= modes).</summary>
    public int Classes => Mixture.Modes;

    /// <summary>Draws <paramref name="n"/> pairs: points [n, 2] float32 and their classes int64 [n], uniform over the classes.</summary>
    /// <param name="n">Number of pairs.</param>
    /// <param name="device">Where the pairs are drawn and returned (CPU when null).</param>
    /// <param name="generator">The random stream to draw from (on <paramref name="device"/>); null: TorchSharp's global
    /// one. A training run that has its own stream draws the same pairs however other runs interleave with it.</param>
    public (Tensor Points, Tensor Labels) Sample(int n, Device? device = null, Generator? generator = null)
    {
        Require.AtLeast(n, 1);
        var labels = randint(0, Classes, new long[] { n }, dtype: ScalarType.Int64, device: device ?? CPU, generator: generator);
        return (SampleGiven(labels, generator), labels);
    }

    /// <summary>Draws one point of each requested class: labels int64 [n] (any device) → points [n, 2] on the same device.</summary>
    /// <param name="labels">The requested classes.</param>
    /// <param name="generator">The random stream to draw from (on the labels' device); null: TorchSharp's global one.</param>
    public Tensor SampleGiven(Tensor labels, Generator? generator = null)
    {
        CheckLabels(labels);
        using var scope = NewDisposeScope();
        var centres = Mixture.CentreTensor(labels.device);
        return (centres.index_select(0, labels) + (float)Mixture.Std * randn(new long[] { labels.shape[0], 2 }, device: labels.device, generator: generator))
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// For points generated on request of <paramref name="labels"/>: the fraction, per class, that lands within
    /// <paramref name="sigmas"/>·σ of the requested class's centre. A generator that obeys c scores close to
    /// P(|x − μ| &lt; 3σ) = 1 − e^{−9/2} ≈ 0.989 for every class; one that ignores c and spreads over all
    /// modes scores about 1/modes.
    /// </summary>
    public double[] AgreementPerClass(Tensor points, Tensor labels, double sigmas = 3.0)
    {
        CheckLabels(labels);
        if (points.dim() != 2 || points.shape[1] != 2 || points.shape[0] != labels.shape[0])
            throw new ArgumentException($"points must have shape [{labels.shape[0]}, 2]; got [{string.Join(",", points.shape)}].", nameof(points));
        using var scope = NewDisposeScope();
        var p = points.detach().cpu().to_type(ScalarType.Float32);
        var l = labels.cpu();
        var distance = (p - Mixture.CentreTensor().index_select(0, l)).pow(2).sum(1).sqrt();
        var hit = distance.lt(sigmas * Mixture.Std).to_type(ScalarType.Float32);
        var hits = zeros(Classes).index_add(0, l, hit, 1).data<float>().ToArray();
        var counts = zeros(Classes).index_add(0, l, ones_like(hit), 1).data<float>().ToArray();
        return hits.Zip(counts, (h, c) => c == 0 ? double.NaN : h / c).ToArray();
    }

    private void CheckLabels(Tensor labels)
    {
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be int64 [N]; got {labels.dtype} [{string.Join(",", labels.shape)}].", nameof(labels));
    }
}
