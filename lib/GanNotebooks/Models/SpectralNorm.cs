using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Models;

/// <summary>One power-iteration estimate of a matrix's largest singular value σ(W) = max ‖Wv‖ over unit v.</summary>
/// <param name="Sigma">The estimate uᵀWv (≤ σ(W)); shape [] for one matrix, [K] for a batch of K.</param>
/// <param name="U">The left vector u = Wv / ‖Wv‖, to be reused as the next start; [out] or [K, out].</param>
/// <param name="V">The right vector v; [in] or [K, in].</param>
public sealed record PowerIterationResult(Tensor Sigma, Tensor U, Tensor V);

/// <summary>
/// Spectral normalisation (Miyato et al. 2018): divide a layer's weight matrix W by its largest singular value
/// σ(W), so that the layer x ↦ Wx + b is 1-Lipschitz; with 1-Lipschitz activations the whole network is then
/// 1-Lipschitz. σ(W) is estimated by power iteration, the reference implementation of chapter 09.
/// </summary>
/// <remarks>
/// Power iteration: v ← Wᵀu / ‖Wᵀu‖, u ← Wv / ‖Wv‖, σ ≈ uᵀWv. Writing W = Σᵢ σᵢ uᵢ vᵢᵀ, k rounds multiply the
/// component of v along vᵢ by (σᵢ/σ₁)²ᵏ relative to v₁, so v turns towards v₁ at the rate (σ₂/σ₁)² per round and
/// the estimate, a Rayleigh quotient, approaches σ₁ at (σ₂/σ₁)⁴ per round. During training W changes little between
/// steps, so reusing u from the previous step makes one round per step enough.
/// </remarks>
public static class SpectralNorm
{
    /// <summary>
    /// Runs <paramref name="iterations"/> rounds of power iteration on <paramref name="weight"/> ([out, in], or a batch
    /// [K, out, in]) from the left vector <paramref name="u"/> ([out] or [K, out]). Outside autograd.
    /// </summary>
    public static PowerIterationResult PowerIteration(Tensor weight, Tensor u, int iterations = 1, double eps = 1e-12)
    {
        if (iterations < 1) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "iterations must be ≥ 1.");
        var batched = weight.dim() == 3;
        if (weight.dim() != 2 && !batched)
            throw new ArgumentException($"weight must be [out, in] or [K, out, in]; got [{string.Join(",", weight.shape)}].", nameof(weight));
        if (u.dim() != weight.dim() - 1 || u.shape[^1] != weight.shape[^2] || (batched && u.shape[0] != weight.shape[0]))
            throw new ArgumentException($"u must be [{(batched ? weight.shape[0] + ", " : "")}{weight.shape[^2]}] for weight [{string.Join(",", weight.shape)}]; got [{string.Join(",", u.shape)}].", nameof(u));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var w = weight.detach();
        // Matrix–vector products as matmul with a trailing axis, so that one code path serves one matrix and a batch.
        var uk = u.detach().unsqueeze(-1);                                   // [(K,) out, 1]
        Tensor vk = null!;
        for (var i = 0; i < iterations; i++)
        {
            vk = Normalize(matmul(w.transpose(-2, -1), uk), eps);            // [(K,) in, 1]
            uk = Normalize(matmul(w, vk), eps);                              // [(K,) out, 1]
        }
        var sigma = matmul(uk.transpose(-2, -1), matmul(w, vk)).squeeze(-1).squeeze(-1);
        return new PowerIterationResult(sigma.MoveToOuterDisposeScope(), uk.squeeze(-1).MoveToOuterDisposeScope(), vk.squeeze(-1).MoveToOuterDisposeScope());
    }

    /// <summary>σ(W), the largest singular value, from a full singular value decomposition (exact up to rounding):
    /// the reference the power iteration is compared with. [] for [out, in], [K] for [K, out, in].</summary>
    public static Tensor LargestSingularValue(Tensor weight)
    {
        if (weight.dim() != 2 && weight.dim() != 3)
            throw new ArgumentException($"weight must be [out, in] or [K, out, in]; got [{string.Join(",", weight.shape)}].", nameof(weight));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return linalg.svdvals(weight.detach()).select(-1, 0).MoveToOuterDisposeScope();
    }

    // Divides each column vector (the trailing axis has size 1) by its Euclidean norm; eps only guards against
    // a zero vector (adding it to the norm would bias the estimate by a relative eps).
    private static Tensor Normalize(Tensor x, double eps) => x / x.norm(-2, keepdim: true).clamp_min(eps);
}
