using GanNotebooks.Distributions;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Distributions;

public class LowDimensionalManifoldsTests
{
    [Fact]
    public void Circle_samples_lie_on_the_circle()
    {
        Seeds.Set(1);
        using var scope = NewDisposeScope();
        var x = new Circle(radius: 1.5, centreX: 1, centreY: -2).Sample(5000);
        var r = ((x.select(1, 0) - 1).pow(2) + (x.select(1, 1) + 2).pow(2)).sqrt();
        Assert.True((r - 1.5f).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void Embedded_manifold_is_deterministic_per_seed_and_has_rank_k()
    {
        var m = new EmbeddedManifold(2, 16, seed: 7);
        using var scope = NewDisposeScope();
        var u = rand(10, 2);
        Assert.Equal(m.Map(u).data<float>().ToArray(), new EmbeddedManifold(2, 16, seed: 7).Map(u).data<float>().ToArray());
        Assert.NotEqual(m.Map(u).data<float>().ToArray(), new EmbeddedManifold(2, 16, seed: 8).Map(u).data<float>().ToArray());
        // Centred samples of a 2-D manifold in 16-D: locally flat, so the differences of nearby points span 2 dimensions.
        var centre = full(1, 2, 0.1f);
        var nearby = centre + 1e-3f * randn(200, 2);
        var diffs = (m.Map(nearby) - m.Map(centre)).to_type(float64);
        var singular = linalg.svdvals(diffs).data<double>().ToArray();
        Assert.True(singular[1] > 100 * singular[2], $"singular values {string.Join(", ", singular.Take(4))}");
    }
}
