using GanNotebooks.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Runtime;

public class TensorsTests
{
    [Fact]
    public void Arrays_go_in_and_come_back_unchanged_in_float64()
    {
        var values = new[] { 0.1, -2.5, 1e-300, 3e300 };
        using var t = Tensors.From(values, ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, t.dtype);
        Assert.Equal(new long[] { 4 }, t.shape);
        Assert.Equal(values, t.ToDoubles());
    }

    [Fact]
    public void Float32_rounds_each_value_as_a_cast_does()
    {
        var values = new[] { 0.1, 1.0 / 3 };
        using var t = Tensors.From(values);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal(values.Select(v => (double)(float)v), t.ToDoubles());
        using var f = Tensors.From(new[] { 1.5f, -2f }, ScalarType.Float64);
        Assert.Equal(new[] { 1.5, -2.0 }, f.ToDoubles());
    }

    [Fact]
    public void A_tensor_made_from_an_array_does_not_share_its_memory()
    {
        var values = new[] { 1.0, 2.0, 3.0 };
        using var t = Tensors.From(values, ScalarType.Float64);
        values[0] = 100;
        Assert.Equal(1.0, t.ToDoubles()[0]);
        var returned = t.ToDoubles();
        returned[1] = -1;
        Assert.Equal(2.0, t.ToDoubles()[1]);
    }

    [Fact]
    public void Column_and_rows_have_the_shapes_a_network_expects()
    {
        using var column = Tensors.Column(new[] { 1.0, 2.0, 3.0 });
        Assert.Equal(new long[] { 3, 1 }, column.shape);
        using var rows = Tensors.Rows(new[] { new[] { 1.0, 2.0 }, new[] { 3.0, 4.0 }, new[] { 5.0, 6.0 } });
        Assert.Equal(new long[] { 3, 2 }, rows.shape);
        Assert.Equal(new[] { 3.0, 4.0 }, rows[1].ToDoubles());
        // A column of a matrix is not contiguous in memory; ToDoubles still reads it in order.
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, rows[.., 1].ToDoubles());
        Assert.Throws<ArgumentException>(() => Tensors.Rows(new[] { new[] { 1.0, 2.0 }, new[] { 3.0 } }));
        Assert.Throws<ArgumentException>(() => Tensors.Rows(Array.Empty<double[]>()));
    }

    [Fact]
    public void A_scalar_can_carry_a_gradient()
    {
        using var theta = Tensors.Scalar(0.5).requires_grad_(true);
        Assert.Equal(0, theta.dim());
        using var loss = theta * theta * 3;
        loss.backward();
        Assert.Equal(3.0, theta.grad!.ToDoubles().Single(), 6);   // d(3θ²)/dθ = 6θ = 3 at θ = 0.5
        Assert.Equal(new[] { 0.75 }, loss.ToDoubles());           // reading a value that requires grad is allowed
    }

    [Fact]
    public void Helpers_leave_no_tensor_behind()
    {
        using var x = randn(5, 3);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var i = 0; i < 20; i++)
        {
            using var scope = NewDisposeScope();
            _ = x[.., 0].ToDoubles();
            _ = Tensors.Column(new[] { 1.0, 2.0 });
            _ = Tensors.Rows(new[] { new[] { 1.0, 2.0 } });
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
