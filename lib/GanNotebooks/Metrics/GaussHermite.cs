using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// Gauss–Hermite quadrature for expectations over a normal distribution: E f(ε) ≈ Σᵢ wᵢ f(σ·xᵢ) for ε ~ N(0, σ²),
/// exact when f is a polynomial of degree ≤ 2n − 1. It turns an expectation over noise (instance noise, for
/// example) into a fixed weighted sum, so a computation that averages over noise stays deterministic.
/// </summary>
/// <remarks>
/// Nodes and weights come from the Golub–Welsch algorithm: the probabilists' Hermite polynomials satisfy
/// x·Heₖ = Heₖ₊₁ + k·Heₖ₋₁, so the nodes are the eigenvalues of the symmetric tridiagonal (Jacobi) matrix with zeros
/// on the diagonal and √1, √2, …, √(n−1) beside it, and each weight is the squared first component of the
/// corresponding unit eigenvector (the weights of N(0, 1) sum to 1).
/// </remarks>
public static class GaussHermite
{
    /// <summary>The n nodes xᵢ (ascending) and weights wᵢ (summing to 1) for E f(ε), ε ~ N(0, 1).</summary>
    public static (double[] Nodes, double[] Weights) StandardNormal(int n)
    {
        if (n < 1 || n > 200) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be in [1, 200].");
        using var scope = NewDisposeScope();
        var jacobi = zeros(n, n, dtype: float64);
        for (var k = 1; k < n; k++)
        {
            jacobi[k - 1, k] = Math.Sqrt(k);
            jacobi[k, k - 1] = Math.Sqrt(k);
        }
        var (values, vectors) = linalg.eigh(jacobi);
        var nodes = values.data<double>().ToArray();
        var weights = vectors.select(0, 0).pow(2).data<double>().ToArray();
        // Symmetrise: the exact rule is symmetric about 0, and rounding should not give E ε a spurious 1e-17.
        var symmetricNodes = new double[n];
        var symmetricWeights = new double[n];
        for (var i = 0; i < n; i++)
        {
            symmetricNodes[i] = (nodes[i] - nodes[n - 1 - i]) / 2;
            symmetricWeights[i] = (weights[i] + weights[n - 1 - i]) / 2;
        }
        var total = symmetricWeights.Sum();
        return (symmetricNodes, symmetricWeights.Select(w => w / total).ToArray());
    }

    /// <summary>E f(ε) for ε ~ N(0, σ²) with an n-point rule.</summary>
    public static double Expectation(Func<double, double> f, double sigma = 1.0, int n = 20)
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and ≥ 0.");
        var (nodes, weights) = StandardNormal(n);
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += weights[i] * f(sigma * nodes[i]);
        return sum;
    }
}
