using GanNotebooks.Losses;
using GanNotebooks.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Losses;

public class GradientPenaltyTests
{
    [Fact]
    public void Penalty_of_a_linear_critic_is_lambda_times_norm_minus_one_squared()
    {
        // f(x) = w·x + b has ∇f = w everywhere, so the penalty is λ(‖w‖ − 1)² at any point: ‖(3, 4)‖ = 5 → 10·16.
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var critic = nn.Linear(2, 1);
        using (no_grad())
        {
            critic.weight!.copy_(tensor(new float[] { 3, 4 }).reshape(1, 2));
            critic.bias!.fill_(0.5);
        }
        var penalty = GradientPenalty.Compute(critic.forward, randn(64, 2), randn(64, 2) + 3, lambda: 10);
        Assert.Equal(160.0, penalty.item<float>(), 3);
        var norms = GradientPenalty.InputGradientNorms(critic.forward, randn(5, 2));
        Assert.All(norms.data<float>().ToArray(), n => Assert.Equal(5.0, n, 5));
    }

    [Fact]
    public void Penalty_gradient_reaches_the_critic_weights_and_matches_the_closed_form()
    {
        // d/dw λ(‖w‖ − 1)² = 2λ(‖w‖ − 1) w/‖w‖ = 2·10·4·(3, 4)/5 = (48, 64); the bias gets nothing.
        using var scope = NewDisposeScope();
        var critic = nn.Linear(2, 1);
        using (no_grad()) critic.weight!.copy_(tensor(new float[] { 3, 4 }).reshape(1, 2));
        var penalty = GradientPenalty.AtPoints(critic.forward, randn(16, 2), lambda: 10);
        penalty.backward();
        var g = critic.weight!.grad!.data<float>().ToArray();
        Assert.Equal(48.0, g[0], 3);
        Assert.Equal(64.0, g[1], 3);
        Assert.Equal(0.0, critic.bias!.grad is null ? 0.0 : critic.bias.grad.abs().item<float>(), 6);
    }

    [Fact]
    public void Without_create_graph_the_penalty_changes_nothing_and_with_it_an_mlp_critic_moves()
    {
        Seeds.Set(1);
        using var scope = NewDisposeScope();
        var critic = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1));
        var real = randn(32, 2);
        var fake = randn(32, 2) + 1;

        Tensor[] GradsOf(Func<Tensor> loss)
        {
            critic.zero_grad();
            loss().backward();
            return critic.parameters().Select(p => p.grad!.clone()).ToArray();
        }
        Tensor WassersteinLoss() => critic.forward(fake).mean() - critic.forward(real).mean();

        var plain = GradsOf(WassersteinLoss);
        Seeds.Set(2);
        var withBrokenPenalty = GradsOf(() => WassersteinLoss() + GradientPenalty.Compute(critic.forward, real, fake, createGraph: false));
        Seeds.Set(2);
        var withPenalty = GradsOf(() => WassersteinLoss() + GradientPenalty.Compute(critic.forward, real, fake));

        // Without create_graph the input gradient is a constant to autograd: the weights' gradients are unchanged.
        for (var i = 0; i < plain.Length; i++)
            Assert.Equal(0.0, (withBrokenPenalty[i] - plain[i]).abs().max().item<float>(), 7);
        // With it, the penalty contributes to the weights' gradients.
        var change = plain.Zip(withPenalty, (a, b) => (b - a).abs().max().item<float>()).Max();
        Assert.True(change > 1e-3, $"the penalty did not reach the critic's weights (max change {change})");

        // And a step on the penalty alone moves the weights towards unit gradient norm.
        var optimizer = optim.SGD(critic.parameters(), 0.05);
        var points = randn(256, 2);
        var before = GradientPenalty.AtPoints(critic.forward, points).item<float>();
        for (var step = 0; step < 50; step++)
        {
            optimizer.zero_grad();
            GradientPenalty.AtPoints(critic.forward, points).backward();
            optimizer.step();
        }
        var after = GradientPenalty.AtPoints(critic.forward, points).item<float>();
        Assert.True(after < 0.5 * before, $"penalty {before} → {after}");
    }

    [Fact]
    public void Interpolates_lie_on_the_segments_between_real_and_fake()
    {
        // A critic that records its input: every x̂ must satisfy x̂ = ε real + (1 − ε) fake with ε in [0, 1].
        Seeds.Set(3);
        using var scope = NewDisposeScope();
        var real = zeros(100, 2);
        var fake = ones(100, 2) * 2;
        Tensor? seen = null;
        GradientPenalty.Compute(x => { seen = x.detach().clone(); return x.sum(1); }, real, fake);
        var v = seen!.data<float>().ToArray();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(v[2 * i], v[2 * i + 1], 6);    // the same ε for both coordinates of a sample
            Assert.InRange(v[2 * i], 0.0, 2.0);
        }
    }
}
