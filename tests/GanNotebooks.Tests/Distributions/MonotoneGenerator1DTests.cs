using TorchSharp;
using GanNotebooks.Distributions;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Distributions;

public class MonotoneGenerator1DTests
{
    private static readonly MonotoneGenerator1D G = MonotoneGenerator1D.Random(seed: 3, hidden: 4);

    [Fact]
    public void Inverse_undoes_the_map()
    {
        foreach (var z in Distribution1D.Grid(-12, 12, 97))
            Assert.True(Math.Abs(G.Inverse(G.Map(z)) - z) < 1e-10, $"z = {z}");
    }

    [Fact]
    public void Map_undoes_the_inverse_on_a_dense_grid()
    {
        // Dense, because a root finder can fail on a narrow set of x (where a steep tanh unit bends).
        foreach (var x in Distribution1D.Grid(-7, 7, 20_001))
            Assert.True(Math.Abs(G.Map(G.Inverse(x)) - x) < 1e-9, $"x = {x:R}");
    }

    [Fact]
    public void Slope_matches_autograd_of_the_network()
    {
        // Independent of the hand-written derivative: TorchSharp differentiates forward() itself (in float64).
        var zs = Distribution1D.Grid(-4, 4, 33);
        using var scope = NewDisposeScope();
        var g64 = MonotoneGenerator1D.Random(seed: 3, hidden: 4).to(ScalarType.Float64);
        var z = tensor(zs, dtype: float64).reshape(-1, 1).requires_grad_(true);
        g64.forward(z).sum().backward();
        var autograd = z.grad!.data<double>().ToArray();
        for (var i = 0; i < zs.Length; i++)
            Assert.True(Math.Abs(autograd[i] - G.Slope(zs[i])) < 1e-6, $"z = {zs[i]}: autograd {autograd[i]}, analytic {G.Slope(zs[i])}");
    }

    [Fact]
    public void Forward_in_float32_agrees_with_the_double_precision_map()
    {
        var zs = Distribution1D.Grid(-5, 5, 41);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var out32 = G.forward(tensor(zs.Select(v => (float)v).ToArray()).reshape(-1, 1)).data<float>().ToArray();
        for (var i = 0; i < zs.Length; i++) Assert.True(Math.Abs(out32[i] - G.Map(zs[i])) < 1e-5, $"z = {zs[i]}");
    }

    [Fact]
    public void Is_strictly_increasing_and_frozen()
    {
        Assert.All(Distribution1D.Grid(-12, 12, 1001), z => Assert.True(G.Slope(z) > 0));
        Assert.All(G.parameters(), p => Assert.False(p.requires_grad));
        Assert.NotEmpty(G.parameters());
    }

    [Fact]
    public void Density_is_the_derivative_of_the_noise_cdf_through_the_inverse()
    {
        // P(X ≤ x) = Φ(G⁻¹(x)), so p_g(x) = d/dx Φ(G⁻¹(x)). Check by a central difference of Φ(G⁻¹(·)), with Φ from
        // a Simpson integral of φ: this uses neither Slope nor the change-of-variables formula. The difference has
        // error O(h²) ≈ 1e-8 here.
        static double Phi(double z) => 0.5 + Distribution1DTests.Simpson(t => Math.Exp(-t * t / 2) / Math.Sqrt(2 * Math.PI), 0, z, 20_000);
        const double h = 1e-4;
        foreach (var x in Distribution1D.Grid(-4, 4, 17))
        {
            var numeric = (Phi(G.Inverse(x + h)) - Phi(G.Inverse(x - h))) / (2 * h);
            Assert.True(Math.Abs(numeric - G.Density(x)) < 1e-6, $"x = {x}: numeric {numeric}, density {G.Density(x)}");
        }
    }

    [Fact]
    public void Random_is_repeatable_and_ignores_the_torch_seed()
    {
        Seeds.Set(123);
        var a = MonotoneGenerator1D.Random(seed: 7);
        Seeds.Set(456);
        var b = MonotoneGenerator1D.Random(seed: 7);
        Assert.Equal(a.Map(0.3), b.Map(0.3));
    }
}
