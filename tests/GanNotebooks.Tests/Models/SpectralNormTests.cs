using GanNotebooks.Models;
using GanNotebooks.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Models;

public class SpectralNormTests
{
    // W = U·diag(s)·Vᵀ with random orthonormal U, V: a matrix whose singular values we choose.
    private static Tensor WithSingularValues(int rows, int cols, double[] s)
    {
        var (u, _) = linalg.qr(randn(rows, rows, dtype: float64));
        var (v, _) = linalg.qr(randn(cols, cols, dtype: float64));
        var sigma = zeros(rows, cols, dtype: float64);
        for (var i = 0; i < s.Length; i++) sigma[i, i] = s[i];
        return matmul(matmul(u, sigma), v.t());
    }

    [Fact]
    public void Power_iteration_converges_to_the_largest_singular_value_at_the_predicted_rate()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var s = new[] { 2.0, 1.6, 1.0, 0.5, 0.1 };   // σ₂/σ₁ = 0.8
        var w = WithSingularValues(6, 5, s);
        Assert.Equal(2.0, SpectralNorm.LargestSingularValue(w).item<double>(), 12);
        var u0 = randn(6, dtype: float64);
        var errors = new List<double>();
        for (var k = 1; k <= 30; k++)
            errors.Add(2.0 - SpectralNorm.PowerIteration(w, u0, k).Sigma.item<double>());
        // The estimate is a Rayleigh quotient: it never exceeds σ₁, and its error shrinks like (σ₂/σ₁)⁴ᵏ = 0.4096ᵏ.
        Assert.All(errors, e => Assert.True(e >= -1e-12, $"estimate above σ₁ by {-e:E2}"));
        var observedRate = Math.Pow(errors[14] / errors[4], 1.0 / 10);   // before rounding (1e-16) matters
        Assert.Equal(Math.Pow(0.8, 4), observedRate, 2);
        Assert.True(errors[29] < 1e-10, $"error after 30 rounds {errors[29]:E2}");
    }

    [Fact]
    public void A_batch_gives_the_same_estimates_as_one_matrix_at_a_time_and_the_vectors_are_singular_vectors()
    {
        Seeds.Set(1);
        using var scope = NewDisposeScope();
        var batch = randn(4, 7, 3, dtype: float64);
        var u = randn(4, 7, dtype: float64);
        var together = SpectralNorm.PowerIteration(batch, u, 200);
        var exact = SpectralNorm.LargestSingularValue(batch).data<double>().ToArray();
        for (var k = 0; k < 4; k++)
        {
            var alone = SpectralNorm.PowerIteration(batch[k], u[k], 200);
            Assert.Equal(alone.Sigma.item<double>(), together.Sigma[k].item<double>(), 12);
            Assert.Equal(exact[k], together.Sigma[k].item<double>(), 9);
            // W v = σ u for the top singular pair.
            var residual = (matmul(batch[k], together.V[k]) - together.Sigma[k] * together.U[k]).norm().item<double>();
            Assert.True(residual < 1e-6, $"‖Wv − σu‖ = {residual:E2}");
        }
        Assert.Throws<ArgumentException>(() => SpectralNorm.PowerIteration(batch, randn(4, 3, dtype: float64)));
    }

    [Fact]
    public void Dividing_by_sigma_makes_the_layer_one_lipschitz()
    {
        Seeds.Set(2);
        using var scope = NewDisposeScope();
        var w = randn(32, 16, dtype: float64) * 3;
        var sigma = SpectralNorm.PowerIteration(w, randn(32, dtype: float64), 500).Sigma;
        Assert.Equal(1.0, SpectralNorm.LargestSingularValue(w / sigma).item<double>(), 6);
    }
}
