using GanNotebooks.Metrics;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Metrics;

public class VectorDecompositionTests
{
    // Independent computations in double precision with plain loops, for comparison with the tensor code.
    private static double Mean(double[] v) => v.Average();
    private static double PopulationStd(double[] v) { var m = Mean(v); return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Length); }
    private static double Pearson(double[] a, double[] b)
    {
        double ma = Mean(a), mb = Mean(b), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }
    private static double[] Row(Tensor t, int i) => t[i].to_type(ScalarType.Float64).data<double>().ToArray();

    [Fact]
    public void Avg_std_and_correlation_match_a_direct_computation()
    {
        Seeds.Set(1);
        using var scope = NewDisposeScope();
        var z = randn(5, 16, dtype: ScalarType.Float64);
        var e = 3 * randn(5, 16, dtype: ScalarType.Float64) + 0.5 * z + 2;
        var (avg, std, rho) = (VectorDecomposition.Avg(z), VectorDecomposition.Std(z), VectorDecomposition.Correlation(z, e));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Mean(Row(z, i)), avg[i].item<double>(), 12);
            Assert.Equal(PopulationStd(Row(z, i)), std[i].item<double>(), 12);
            Assert.Equal(Pearson(Row(z, i), Row(e, i)), rho[i].item<double>(), 12);
        }
    }

    [Fact]
    public void Correlation_ignores_the_mean_and_a_positive_scale_and_flips_with_a_negative_one()
    {
        Seeds.Set(2);
        using var scope = NewDisposeScope();
        var z = randn(64, 32);
        var e = randn(64, 32) + z;
        var rho = VectorDecomposition.Correlation(z, e);
        // Per-row a > 0 and b, as O-GAN's E may shift and scale its output for each image.
        var a = rand(64, 1) * 10 + 0.01;
        var b = randn(64, 1) * 5;
        // float32: the centring and normalisation lose a few ulps of values of size ~50; 1e-5 is ~100 ulps at 1.
        Assert.True((VectorDecomposition.Correlation(z, a * e + b) - rho).abs().max().item<float>() < 1e-5);
        Assert.True((VectorDecomposition.Correlation(z, -a * e + b) + rho).abs().max().item<float>() < 1e-5);
        Assert.True((VectorDecomposition.Correlation(z, z) - 1).abs().max().item<float>() < 1e-6);
    }

    [Fact]
    public void Avg_std_and_N_rebuild_z_and_N_is_orthogonal_to_the_ones_vector_with_length_sqrt_n()
    {
        Seeds.Set(3);
        using var scope = NewDisposeScope();
        const int n = 8;
        var z = randn(100, n, dtype: ScalarType.Float64) * 2 + 1;
        var direction = VectorDecomposition.Normalize(z);
        var rebuilt = VectorDecomposition.Compose(VectorDecomposition.Avg(z), VectorDecomposition.Std(z), direction);
        Assert.True((rebuilt - z).abs().max().item<double>() < 1e-12);
        Assert.True(direction.sum(1).abs().max().item<double>() < 1e-12);                      // N(z) ⟂ 1
        Assert.True((direction.square().sum(1) - n).abs().max().item<double>() < 1e-12);       // ‖N(z)‖² = n
    }

    [Fact]
    public void Minus_rho_is_the_squared_distance_of_the_normalised_vectors_up_to_constants()
    {
        // ‖N(z) − N(e)‖² = ‖N(z)‖² + ‖N(e)‖² − 2 N(z)·N(e) = 2n − 2nρ, so −ρ = ‖N(z) − N(e)‖² / (2n) − 1.
        Seeds.Set(4);
        using var scope = NewDisposeScope();
        const int n = 10;
        var z = randn(50, n, dtype: ScalarType.Float64);
        var e = randn(50, n, dtype: ScalarType.Float64) + z;
        var distance = (VectorDecomposition.Normalize(z) - VectorDecomposition.Normalize(e)).square().sum(1);
        var viaRho = 2 * n * (1 - VectorDecomposition.Correlation(z, e));
        Assert.True((distance - viaRho).abs().max().item<double>() < 1e-10);
    }

    [Fact]
    public void A_constant_row_has_no_direction_and_zero_correlation()
    {
        using var scope = NewDisposeScope();
        var constant = full(1, 5, 3.0f);
        Assert.Equal(0f, VectorDecomposition.Normalize(constant).abs().max().item<float>());
        Assert.Equal(0f, VectorDecomposition.Correlation(constant, randn(1, 5)).item<float>());
        Assert.Throws<ArgumentException>(() => VectorDecomposition.Correlation(randn(2, 5), randn(2, 4)));
    }
}
