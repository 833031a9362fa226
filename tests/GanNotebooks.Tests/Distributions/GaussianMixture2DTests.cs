using GanNotebooks.Distributions;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Distributions;

public class GaussianMixture2DTests
{
    [Fact]
    public void A_run_with_its_own_generator_draws_the_same_samples_and_leaves_the_global_stream_alone()
    {
        var ring = GaussianMixture2D.Ring();
        float[] Draw(ulong seed)
        {
            using var random = new Generator(seed);
            return ring.Sample(64, CPU, random).data<float>().ToArray();
        }
        Seeds.Set(1);
        var expected = randn(5).data<float>().ToArray();
        Seeds.Set(1);
        var first = Draw(7);
        var next = randn(5).data<float>().ToArray();   // the global stream was not used by Draw
        Assert.Equal(expected, next);
        Assert.Equal(first, Draw(7));
        Assert.NotEqual(first, Draw(8));
    }

    [Fact]
    public void Samples_from_a_generator_follow_the_mixture()
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(3);
        var grid = GaussianMixture2D.Grid();
        var samples = grid.Sample(50000, CPU, random);
        // Every sample lies near a mode. A correct draw lands beyond 5σ of its own mode with probability
        // exp(−25/2) ≈ 3.7e−6 (Rayleigh tail), 0.19 samples expected among 50,000: none for this fixed stream, while a
        // wrong σ or wrong centres put thousands there.
        var distances = cdist(samples, grid.CentreTensor());
        Assert.True(distances.min(1).values.max().item<float>() < 5 * grid.Std);
        // Modes are equally likely: each of the 25 holds 1/25 of the samples within 5 binomial standard errors
        // (sqrt(0.04 · 0.96 / 50000) ≈ 0.00088 each).
        var counts = distances.argmin(1).bincount(null, 25).data<long>().ToArray();
        Assert.All(counts, c => Assert.InRange(c / 50000.0, 0.04 - 0.0044, 0.04 + 0.0044));
    }
}
