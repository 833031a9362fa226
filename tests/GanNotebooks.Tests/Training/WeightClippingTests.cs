using GanNotebooks.Models;
using GanNotebooks.Training;
using GanNotebooks.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Training;

public class WeightClippingTests
{
    [Fact]
    public void Clip_bounds_every_parameter_and_leaves_small_ones_alone()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var critic = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 1));
        var before = WeightClipping.Weights(critic, includeBiases: true);
        WeightClipping.Clip(critic, 0.01);
        var after = WeightClipping.Weights(critic, includeBiases: true);
        Assert.All(after, w => Assert.InRange(w, -0.01 - 1e-9, 0.01 + 1e-9));
        for (var i = 0; i < before.Length; i++)
            Assert.Equal(Math.Clamp(before[i], -0.01, 0.01), after[i], 6);
    }

    [Fact]
    public void Clip_each_model_clamps_model_k_to_its_own_bound_and_nothing_else()
    {
        Seeds.Set(2);
        using var scope = NewDisposeScope();
        var critic = new BatchedMlp(3, 2, new[] { 8 }, 1);
        // Weights well outside every box (nn.Linear's init is ±1/√fan_in, up to 0.7 here).
        using (no_grad())
            foreach (var p in critic.parameters()) p.mul_(10);
        var c = new[] { 0.5, 0.01, 2.0 };
        var before = critic.parameters().Select(p => p.clone()).ToArray();
        WeightClipping.ClipEachModel(critic, c);
        var after = critic.parameters().ToArray();
        var changed = 0;
        for (var i = 0; i < before.Length; i++)
            for (var k = 0; k < 3; k++)
            {
                // Compared with a clamp computed element by element, model by model.
                var b = before[i][k].ToDoubles();
                var a = after[i][k].ToDoubles();
                for (var j = 0; j < b.Length; j++)
                {
                    Assert.Equal(Math.Clamp(b[j], -c[k], c[k]), a[j], 6);
                    if (Math.Abs(b[j]) > c[k]) changed++;
                }
            }
        Assert.True(changed > 10, "the test must clip some weights of every model");
        Assert.Throws<ArgumentException>(() => WeightClipping.ClipEachModel(critic, new[] { 0.1, 0.1 }));
    }

    [Fact]
    public void Fraction_near_bounds_counts_weights_within_the_tolerance_of_plus_or_minus_c()
    {
        using var scope = NewDisposeScope();
        var layer = nn.Linear(4, 1, hasBias: false);
        // 0.1 and −0.096 are within 5% of c = 0.1; 0.094 and 0 are not.
        using (no_grad()) layer.weight!.copy_(tensor(new float[] { 0.1f, -0.096f, 0.094f, 0f }).reshape(1, 4));
        Assert.Equal(0.5, WeightClipping.FractionNearBounds(layer, 0.1), 12);
        Assert.Equal(0.5, WeightClipping.FractionNearBounds(new[] { 0.1, -0.096, 0.094, 0.0 }, 0.1), 12);
        // A uniform spread over [−c, c] puts about 5% there.
        var uniform = nn.Linear(1000, 100, hasBias: false);
        Seeds.Set(1);
        using (no_grad()) uniform.weight!.uniform_(-0.2, 0.2);
        Assert.Equal(0.05, WeightClipping.FractionNearBounds(uniform, 0.2), 2);
    }
}
