using GanNotebooks.Distributions;
using GanNotebooks.Runtime;
using GanNotebooks.Training;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Training;

public class OptimalDiscriminatorTests
{
    private static readonly DiscriminatorTraining Short = new(new[] { 16, 16 }, Steps: 400, BatchSize: 256);

    [Fact]
    public void The_trained_logit_approaches_the_log_density_ratio()
    {
        // p_data = N(0, 1), p_g = N(1, 1): log p_data(x) − log p_g(x) = −x²/2 + (x − 1)²/2 = 1/2 − x, a straight line.
        var xs = Distribution1D.Grid(-2, 3, 101);
        using var d = OptimalDiscriminator.Train(new Gaussian1D(0, 1), new Gaussian1D(1, 1), Short, seed: 0, label: null);
        using var grid = Tensors.Column(xs);
        var logits = d.forward(grid).ToDoubles();
        // Mean |ℓ − ℓ*| weighted by (p_data + p_g)/2 on the grid. 400 steps of 256 samples estimate a slope of 1
        // to a few percent; an untrained network is off by about 1 (it starts near ℓ = 0).
        var weight = xs.Select(x => (new Gaussian1D(0, 1).Density(x) + new Gaussian1D(1, 1).Density(x)) / 2 * 0.05).ToArray();
        var gap = xs.Select((x, i) => Math.Abs(logits[i] - (0.5 - x)) * weight[i]).Sum();
        Assert.True(gap < 0.1, $"weighted mean |ℓ − ℓ*| = {gap}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_network()
    {
        var data = new Gaussian1D(0, 1);
        var settings = Short with { Steps = 20 };
        using var a = OptimalDiscriminator.Train(data, new Uniform1D(-1, 2), settings, seed: 3, label: null);
        using var b = OptimalDiscriminator.Train(data, new Uniform1D(-1, 2), settings, seed: 3, label: null);
        using var x = Tensors.Column(new[] { -1.0, 0, 0.5, 2 });
        Assert.Equal(a.forward(x).ToDoubles(), b.forward(x).ToDoubles());
    }

    [Fact]
    public void A_finite_pool_is_all_the_discriminator_sees()
    {
        // Two points, one real and one generated, drawn once: D learns to call the real point real and the other fake.
        var pool = Short with { Steps = 200, PoolSize = 1 };
        var seen = new List<int>();
        using var d = OptimalDiscriminator.Train(new Gaussian1D(-1, 0.1), new Gaussian1D(1, 0.1), pool, seed: 1, label: null,
                                                 afterStep: (step, _) => seen.Add(step));
        Assert.Equal(Enumerable.Range(1, 200), seen);
        using var x = Tensors.Column(new[] { -1.0, 1.0 });
        var logits = d.forward(x).ToDoubles();
        Assert.True(logits[0] > 2 && logits[1] < -2, $"logits {logits[0]}, {logits[1]}");
    }
}
