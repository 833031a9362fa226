using GanNotebooks.Losses;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Losses;

/// <summary>The GAN losses on logits against the formulas evaluated independently in double precision.</summary>
public class GanLossesTests
{
    // Logits from D ≈ 1e-26 to D ≈ 1 − 1e-26: far beyond where log(σ(ℓ)) of a rounded probability breaks down.
    private static readonly double[] Logits = { -60, -20, -3, -0.5, 0, 0.7, 4, 25, 60 };

    // softplus(t) = log(1 + eᵗ), written with the identity softplus(t) = max(t, 0) + log(1 + e^−|t|), which never
    // overflows and loses nothing for large |t|.
    private static double Softplus(double t) => Math.Max(t, 0) + Math.Log(1 + Math.Exp(-Math.Abs(t)));
    private static double Sigmoid(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));

    [Fact]
    public void Losses_equal_minus_the_mean_log_probabilities()
    {
        using var l = Tensors.From(Logits, ScalarType.Float64);
        // −E log σ(ℓ) = E softplus(−ℓ); E log(1 − σ(ℓ)) = −E softplus(ℓ).
        var nonSaturating = Logits.Average(t => Softplus(-t));
        var minimax = -Logits.Average(Softplus);
        Assert.Equal(nonSaturating, GanLosses.NonSaturatingGenerator(l).item<double>(), 12);
        Assert.Equal(minimax, GanLosses.MinimaxGenerator(l).item<double>(), 12);
        using var real = Tensors.From(new[] { 2.0, -1.0 }, ScalarType.Float64);
        var expectedD = (Softplus(-2) + Softplus(1)) / 2 + Logits.Average(Softplus);
        Assert.Equal(expectedD, GanLosses.Discriminator(real, l).item<double>(), 12);
    }

    [Fact]
    public void Where_D_is_moderate_they_agree_with_log_of_sigmoid_written_out()
    {
        var moderate = new[] { -3.0, -0.5, 0, 0.7, 4 };
        using var l = Tensors.From(moderate, ScalarType.Float64);
        Assert.Equal(-moderate.Average(t => Math.Log(Sigmoid(t))), GanLosses.NonSaturatingGenerator(l).item<double>(), 12);
        Assert.Equal(moderate.Average(t => Math.Log(1 - Sigmoid(t))), GanLosses.MinimaxGenerator(l).item<double>(), 12);
        // D = ½ everywhere: the discriminator's loss is 2 log 2.
        using var zero = zeros(8, 1, dtype: ScalarType.Float64);
        Assert.Equal(2 * Math.Log(2), GanLosses.Discriminator(zero, zero).item<double>(), 14);
    }

    [Fact]
    public void Gradients_are_the_saturating_and_non_saturating_slopes()
    {
        // Per sample: ∂/∂ℓ of the minimax loss is −σ(ℓ) = −D; of the non-saturating loss −(1 − σ(ℓ)) = −(1 − D);
        // the mean over the batch divides both by N.
        var n = Logits.Length;
        double[] Gradient(Func<Tensor, Tensor> loss, ScalarType dtype)
        {
            using var l = Tensors.From(Logits, dtype).requires_grad_(true);
            using var value = loss(l);
            value.backward();
            return l.grad!.ToDoubles();
        }
        var minimax = Gradient(GanLosses.MinimaxGenerator, ScalarType.Float64);
        var nonSaturating = Gradient(GanLosses.NonSaturatingGenerator, ScalarType.Float64);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(-Sigmoid(Logits[i]) / n, minimax[i], 15);
            Assert.Equal(-(1 - Sigmoid(Logits[i])) / n, nonSaturating[i], 15);
        }
        // At ℓ = −20 (D ≈ 2e-9) the minimax gradient has all but vanished; the non-saturating one is nearly −1/N.
        Assert.True(Math.Abs(minimax[1]) < 1e-8 / n);
        Assert.Equal(-1.0 / n, nonSaturating[1], 9);
        // In float32 as well, at D within 1e-26 of 0 or 1, every gradient is finite and right to float32's precision.
        var minimax32 = Gradient(GanLosses.MinimaxGenerator, ScalarType.Float32);
        var nonSaturating32 = Gradient(GanLosses.NonSaturatingGenerator, ScalarType.Float32);
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(minimax32[i] - minimax[i]) <= 1e-6 / n, $"minimax at ℓ = {Logits[i]}: {minimax32[i]}");
            Assert.True(Math.Abs(nonSaturating32[i] - nonSaturating[i]) <= 1e-6 / n, $"non-saturating at ℓ = {Logits[i]}: {nonSaturating32[i]}");
        }
    }
}
