using GanNotebooks.Models;
using GanNotebooks.Runtime;
using GanNotebooks.Training;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Training;

public class GradientNormTests
{
    [Fact]
    public void Gradient_norm_matches_the_norm_of_a_hand_computed_gradient()
    {
        // For L = sum(W x + b) with x = (1, 2, 3): dL/dW = x in every row, dL/db = 1, so ‖∇‖² = rows·(1+4+9) + rows.
        Seeds.Set(0);
        var layer = new Mlp(3, Array.Empty<int>(), 2);
        using var scope = NewDisposeScope();
        layer.forward(tensor(new float[] { 1, 2, 3 }).reshape(1, 3)).sum().backward();
        Assert.Equal(Math.Sqrt(2 * 14 + 2), GradientNorm.Of(layer.parameters()), 5);
        Assert.Equal(GradientNorm.Of(layer.parameters()), GradientNorm.Of(layer));
    }

    [Fact]
    public void Parameters_without_a_gradient_count_as_zero()
    {
        // Only the second layer took part in the loss: the first has no gradient yet.
        Seeds.Set(1);
        var first = new Mlp(2, Array.Empty<int>(), 2);
        var second = new Mlp(2, Array.Empty<int>(), 1);
        using var scope = NewDisposeScope();
        second.forward(Tensors.Rows(new[] { new[] { 3.0, 4.0 } })).sum().backward();
        Assert.Equal(0.0, GradientNorm.Of(first));
        Assert.Equal(Math.Sqrt(9 + 16 + 1), GradientNorm.Of(first.parameters().Concat(second.parameters())), 5);
    }

    [Fact]
    public void Log_spaced_schedule_covers_1_to_last_evenly_in_log_scale()
    {
        Assert.Equal(new[] { 1, 10, 100, 1000 }, Schedules.LogSpaced(1000, 1));
        // Three per decade: 10^(j/3) rounded.
        Assert.Equal(new[] { 1, 2, 5, 10, 22, 46, 100, 215, 464, 1000 }, Schedules.LogSpaced(1000, 3));
        var dense = Schedules.LogSpaced(4000, 6);
        Assert.Equal(1, dense[0]);
        Assert.Equal(4000, dense[^1]);
        Assert.True(dense.Zip(dense.Skip(1), (a, b) => b > a).All(x => x));
    }
}
