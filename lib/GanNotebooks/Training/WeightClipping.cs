using TorchSharp;
using GanNotebooks.Models;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// WGAN's weight clipping and the measurement of its best-known side effect: weights piling up at ±c.
/// </summary>
/// <remarks>
/// Clipping every parameter of the critic to [−c, c] keeps it in a compact set, so the critic is
/// K-Lipschitz for some K that depends on c and the architecture. The critic wants a large slope, and the
/// easiest way to get one under a box constraint is to push each weight to a corner of the box: the WGAN-GP
/// paper shows the weight histogram collapsing onto −c and +c.
/// </remarks>
public static class WeightClipping
{
    /// <summary>Clamps every parameter of <paramref name="module"/> to [−c, c] in place (outside autograd).</summary>
    public static void Clip(nn.Module module, double c)
    {
        Require.Positive(c);
        using var _ = no_grad();
        foreach (var p in module.parameters()) p.clamp_(-c, c);
    }

    /// <summary>
    /// Clamps model k of a batched critic to its own box [−c[k], c[k]]: the same projection as <see cref="Clip"/>,
    /// applied to each model with its own c, so that one batched run can compare clipping values.
    /// </summary>
    /// <param name="critic">K critics trained side by side; every parameter has the model index first.</param>
    /// <param name="c">One bound per model, each positive.</param>
    public static void ClipEachModel(BatchedMlp critic, IReadOnlyList<double> c)
    {
        if (c.Count != critic.Models)
            throw new ArgumentException($"c needs one bound per model ({critic.Models}); got {c.Count}.", nameof(c));
        Require.AllPositive(c);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        // Built once per call, not once per parameter: a WGAN calls this after every critic step, and with networks
        // this small the number of tensor operations, not their size, sets the cost.
        var parameters = critic.parameters().ToArray();
        var upper = Tensors.From(c, ScalarType.Float64).to(parameters[0].dtype, parameters[0].device);
        var lower = -upper;
        foreach (var p in parameters)
        {
            // [K] → [K, 1, …, 1]: model k's bound broadcast over its own entries only.
            var shape = new long[p.dim()];
            Array.Fill(shape, 1L);
            shape[0] = c.Count;
            p.clamp_(lower.view(shape), upper.view(shape));
        }
    }

    /// <summary>The values of the weight matrices (parameters with at least 2 dimensions; biases only when asked).</summary>
    public static double[] Weights(nn.Module module, bool includeBiases = false) =>
        module.parameters().Where(p => includeBiases || p.dim() >= 2)
              .SelectMany(p => p.ToDoubles())
              .ToArray();

    /// <summary>
    /// Fraction of the weights within <paramref name="relativeTolerance"/>·c of −c or +c, i.e. with
    /// |w| ≥ (1 − tolerance)·c. With tolerance 0.05 a uniform spread over [−c, c] gives 0.05.
    /// </summary>
    public static double FractionNearBounds(nn.Module module, double c, double relativeTolerance = 0.05, bool includeBiases = false)
    {
        var w = Weights(module, includeBiases);
        if (w.Length == 0) throw new ArgumentException("the module has no weights.", nameof(module));
        return FractionNearBounds(w, c, relativeTolerance);
    }

    /// <summary>The same fraction for a list of weight values (for example those of one model of a batched critic).</summary>
    public static double FractionNearBounds(IReadOnlyCollection<double> weights, double c, double relativeTolerance = 0.05)
    {
        Require.Positive(c);
        if (!(relativeTolerance >= 0 && relativeTolerance <= 1))
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "relativeTolerance must be in [0, 1].");
        if (weights.Count == 0) throw new ArgumentException("no weights.", nameof(weights));
        var threshold = (1 - relativeTolerance) * c;
        // A tiny slack so that a weight clamped to exactly c in float32 counts as at the bound.
        return weights.Count(v => Math.Abs(v) >= threshold * (1 - 1e-6)) / (double)weights.Count;
    }
}
