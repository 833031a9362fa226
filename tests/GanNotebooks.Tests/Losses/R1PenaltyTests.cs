using GanNotebooks.Losses;
using GanNotebooks.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Losses;

public class R1PenaltyTests
{
    [Fact]
    public void For_a_linear_discriminator_R1_is_half_gamma_times_the_squared_weight_norm()
    {
        // D(x) = w·x + b has ∇D = w at every x: R1 = (γ/2)‖w‖² = (3/2)·25 at any batch.
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var d = nn.Linear(2, 1);
        using (no_grad()) d.weight!.copy_(from_array(new float[] { 3, 4 }).reshape(1, 2));
        Assert.Equal(37.5, R1Penalty.Compute(d.forward, randn(64, 2), gamma: 3).item<float>(), 4);
    }

    [Fact]
    public void For_a_quadratic_discriminator_R1_matches_the_closed_form_mean()
    {
        // D(x) = xᵀAx has ∇D = (A + Aᵀ)x; R1 = (γ/2)·mean ‖(A + Aᵀ)x‖², computed here without autograd.
        Seeds.Set(1);
        using var scope = NewDisposeScope();
        var a = from_array(new double[] { 1, 2, -1, 0.5 }).reshape(2, 2);
        Tensor D(Tensor x) => (matmul(x, a) * x).sum(1);
        var real = randn(50, 2, dtype: float64);
        var grads = matmul(real, (a + a.t()).t());
        var expected = 0.7 / 2 * grads.pow(2).sum(1).mean().item<double>();
        Assert.Equal(expected, R1Penalty.Compute(D, real, 0.7).item<double>(), 12);
        var difference = (R1Penalty.SquaredGradientNorms(D, real) - grads.pow(2).sum(1)).abs().max().item<double>();
        Assert.True(difference < 1e-12, $"per-sample squared norms differ by {difference:E2}");
    }

    [Fact]
    public void The_penalty_reaches_the_weights_only_with_create_graph()
    {
        // ∂/∂w (γ/2)‖w‖² = γ·w = 2·(3, 4); without create_graph the gradient is a constant and w gets nothing.
        using var scope = NewDisposeScope();
        var d = nn.Linear(2, 1);
        using (no_grad()) d.weight!.copy_(from_array(new float[] { 3, 4 }).reshape(1, 2));
        R1Penalty.Compute(d.forward, randn(16, 2), gamma: 2).backward();
        Assert.Equal(new[] { 6f, 8f }, d.weight!.grad!.data<float>().ToArray().Select(v => MathF.Round(v, 4)));
        d.zero_grad();
        var broken = R1Penalty.Compute(d.forward, randn(16, 2), gamma: 2, createGraph: false);
        Assert.False(broken.requires_grad);
        Assert.Throws<ArgumentOutOfRangeException>(() => R1Penalty.Compute(d.forward, randn(4, 2), gamma: -1));
    }
}
