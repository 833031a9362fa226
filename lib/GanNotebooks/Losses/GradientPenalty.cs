using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Losses;

/// <summary>
/// The WGAN-GP gradient penalty (Gulrajani et al. 2017): λ · E[(‖∇ₓ f(x̂)‖₂ − 1)²] at points x̂ drawn
/// uniformly on segments between real and generated samples. A reference implementation: chapter 5 writes
/// the same penalty in its cells and compares the two.
/// </summary>
/// <remarks>
/// The penalty is a function of a gradient, so training the critic on it needs the gradient of a gradient.
/// <c>torch.autograd.grad</c> must therefore be called with <c>create_graph: true</c>: without it the returned
/// ∇ₓ f(x̂) is a constant as far as autograd is concerned, and the penalty never reaches the critic's weights
/// (added to the critic loss it silently changes nothing).
/// </remarks>
public static class GradientPenalty
{
    /// <summary>The penalty weight of the WGAN-GP paper.</summary>
    public const double PaperLambda = 10.0;

    /// <summary>
    /// λ · mean over the batch of (‖∇ₓ critic(x̂)‖ − 1)², with x̂ = ε·real + (1 − ε)·fake, ε ~ U[0, 1] per sample.
    /// </summary>
    /// <param name="critic">The critic; it maps [N, d…] to [N, 1] or [N].</param>
    /// <param name="real">A batch of real samples.</param>
    /// <param name="fake">A batch of generated samples of the same shape (it is detached here).</param>
    /// <param name="lambda">Weight of the penalty.</param>
    /// <param name="createGraph">Keep true for training; false reproduces the classic bug (for the lesson).</param>
    public static Tensor Compute(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, double lambda = PaperLambda, bool createGraph = true)
    {
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException($"real [{string.Join(",", real.shape)}] and fake [{string.Join(",", fake.shape)}] must have the same shape.");
        var shape = new long[real.dim()];
        shape[0] = real.shape[0];
        for (var i = 1; i < shape.Length; i++) shape[i] = 1;
        var epsilon = rand(shape, dtype: real.dtype, device: real.device);
        var between = epsilon * real.detach() + (1 - epsilon) * fake.detach();
        return AtPoints(critic, between, lambda, createGraph);
    }

    /// <summary>λ · mean of (‖∇ₓ critic(x)‖ − 1)² at the given points (rows of <paramref name="points"/>).</summary>
    public static Tensor AtPoints(Func<Tensor, Tensor> critic, Tensor points, double lambda = PaperLambda, bool createGraph = true)
    {
        if (!(lambda >= 0) || double.IsInfinity(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be finite and ≥ 0.");
        var norms = InputGradientNorms(critic, points, createGraph);
        return lambda * (norms - 1).pow(2).mean();
    }

    /// <summary>‖∇ₓ critic(x)‖₂ for every row x of <paramref name="points"/>, shape [N].</summary>
    public static Tensor InputGradientNorms(Func<Tensor, Tensor> critic, Tensor points, bool createGraph = true)
    {
        var x = points.detach().requires_grad_(true);
        var scores = critic(x);
        // Summing the scores gives each sample's own gradient: sample i's score depends only on row i.
        var gradient = autograd.grad(new[] { scores.sum() }, new[] { x }, create_graph: createGraph, retain_graph: true)[0];
        // The L2 norm of each row (dim 1), one per sample; not an L1 norm.
        return gradient.flatten(1).norm(dim: 1);
    }
}
