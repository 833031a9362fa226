using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Losses;

/// <summary>
/// The R1 penalty (Mescheder, Geiger and Nowozin 2018): (γ/2) · E_{x ~ data} ‖∇ₓ D(x)‖², added to the
/// discriminator's loss. It is zero-centred (it pulls the gradient towards 0, not towards 1 as WGAN-GP does) and
/// is taken on real data only, so at an equilibrium where the generator matches the data and D is flat it vanishes
/// and does not move the equilibrium; near it, it damps the rotation of the training dynamics. A reference
/// implementation: chapter 09 writes the same penalty in its cells and compares the two.
/// </summary>
/// <remarks>
/// D here is the discriminator's logit (its output before the sigmoid). Like the gradient penalty, the penalty is a
/// function of a gradient, so training on it needs <c>create_graph: true</c>.
/// </remarks>
public static class R1Penalty
{
    /// <summary>(γ/2) · mean over the batch of ‖∇ₓ D(x)‖² at the real samples (rows of <paramref name="real"/>).</summary>
    /// <param name="discriminator">The discriminator's logit; it maps [N, d…] to [N, 1] or [N].</param>
    /// <param name="real">A batch of real samples (detached here).</param>
    /// <param name="gamma">γ ≥ 0, the weight; the penalty carries γ/2.</param>
    /// <param name="createGraph">Keep true for training; false gives a penalty that no weight feels.</param>
    public static Tensor Compute(Func<Tensor, Tensor> discriminator, Tensor real, double gamma, bool createGraph = true)
    {
        if (!(gamma >= 0) || double.IsInfinity(gamma)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be finite and ≥ 0.");
        return gamma / 2 * SquaredGradientNorms(discriminator, real, createGraph).mean();
    }

    /// <summary>‖∇ₓ D(x)‖² for every row x of <paramref name="points"/>, shape [N].</summary>
    public static Tensor SquaredGradientNorms(Func<Tensor, Tensor> discriminator, Tensor points, bool createGraph = true)
    {
        if (points.dim() < 2) throw new ArgumentException($"points must be [N, d…]; got [{string.Join(",", points.shape)}].", nameof(points));
        var x = points.detach().requires_grad_(true);
        var logits = discriminator(x);
        // Sample i's logit depends only on row i, so the gradient of the sum holds every sample's own gradient.
        var gradient = autograd.grad(new[] { logits.sum() }, new[] { x }, create_graph: createGraph, retain_graph: true)[0];
        return gradient.flatten(1).pow(2).sum(1);
    }
}
