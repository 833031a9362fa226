using GanNotebooks.Metrics;
using GanNotebooks.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Metrics;

public class JacobianTests
{
    private static double[] Values(Tensor t) => t.contiguous().to_type(ScalarType.Float64).data<double>().ToArray();

    [Fact]
    public void The_jacobian_of_a_linear_field_is_its_matrix()
    {
        using var scope = NewDisposeScope();
        var a = from_array(new double[] { 1, -2, 0.5, 3, 0, -1 }).reshape(3, 2);   // v(w) = A·w, [2] → [3]
        var j = Jacobian.OfVectorField(w => matmul(a, w), from_array(new double[] { 0.3, -0.7 }));
        Assert.Equal(new long[] { 3, 2 }, j.shape);
        Assert.Equal(Values(a), Values(j));
    }

    [Fact]
    public void A_nonlinear_field_matches_its_hand_derivative_and_central_differences()
    {
        // v(x, y) = (sin(x)·y, x² + exp(y)):  J = [[cos(x)·y, sin(x)], [2x, exp(y)]].
        using var scope = NewDisposeScope();
        Tensor Field(Tensor w) => stack(new[] { sin(w[0]) * w[1], w[0].pow(2) + exp(w[1]) });
        var (x, y) = (0.7, -0.4);
        var point = from_array(new[] { x, y });
        var expected = new[] { Math.Cos(x) * y, Math.Sin(x), 2 * x, Math.Exp(y) };
        var byAutograd = Values(Jacobian.OfVectorField(Field, point));
        var byDifferences = Values(Jacobian.ByCentralDifferences(Field, point, 1e-5));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], byAutograd[i], 12);
            Assert.Equal(expected[i], byDifferences[i], 8);   // central differences: error ~ h² · f''' ≈ 1e-10
        }
    }

    [Fact]
    public void The_gradient_field_of_the_bilinear_game_rotates()
    {
        // min_x max_y x·y: v = (−∂V/∂x, ∂V/∂y) = (−y, x), a rotation: J = [[0, −1], [1, 0]], eigenvalues ±i.
        using var scope = NewDisposeScope();
        Tensor Field(Tensor w)
        {
            var v = w[0] * w[1];
            var g = autograd.grad(new[] { v }, new[] { w }, create_graph: true)[0];
            return stack(new[] { -g[0], g[1] });
        }
        var j = Jacobian.OfVectorField(Field, from_array(new double[] { 0.2, 0.5 }));
        Assert.Equal(new double[] { 0, -1, 1, 0 }, Values(j));
        var eigenvalues = linalg.eigvals(j);
        var imaginary = Values(eigenvalues.imag).OrderBy(v => v).ToArray();
        Assert.All(Values(eigenvalues.real), r => Assert.Equal(0.0, r, 12));
        Assert.Equal(-1.0, imaginary[0], 12);
        Assert.Equal(1.0, imaginary[1], 12);
    }

    [Fact]
    public void Outputs_that_do_not_depend_on_an_input_give_zero_columns_and_bad_shapes_are_refused()
    {
        using var scope = NewDisposeScope();
        var j = Jacobian.OfVectorField(w => stack(new[] { w[0] * 3, w[0].pow(2) }), from_array(new double[] { 2, 5 }));
        Assert.Equal(new double[] { 3, 0, 4, 0 }, Values(j));
        Assert.Throws<ArgumentException>(() => Jacobian.OfVectorField(w => w, zeros(2, 2, dtype: float64)));
        Assert.Throws<ArgumentException>(() => Jacobian.OfVectorField(w => w.sum(), zeros(2, dtype: float64)));
    }
}
