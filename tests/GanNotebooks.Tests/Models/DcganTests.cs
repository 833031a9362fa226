using GanNotebooks.Models;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Models;

public class DcganTests
{
    [Theory]
    [InlineData(28, 1, 5)]
    [InlineData(28, 1, 4)]
    [InlineData(64, 3, 5)]
    [InlineData(32, 3, 4)]
    public void Generator_and_encoder_have_matching_shapes(int size, int channels, int kernel)
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        using var g = new DcganGenerator(16, size, channels, width: 8, kernelSize: kernel);
        using var e = new DcganEncoder(16, size, channels, width: 8, kernelSize: kernel);
        var x = g.forward(randn(3, 16));
        Assert.Equal(new long[] { 3, channels, size, size }, x.shape);
        Assert.True(x.abs().max().item<float>() <= 1f);        // tanh output
        Assert.Equal(new long[] { 3, 16 }, e.forward(x).shape);
    }

    [Fact]
    public void Layouts_follow_the_reference_plan()
    {
        Assert.Equal(new DcganLayout(28, 7, 2), DcganLayout.For(28));
        Assert.Equal(new DcganLayout(64, 4, 4), DcganLayout.For(64));
        Assert.Equal(new DcganLayout(128, 4, 5), DcganLayout.For(128));   // the O-GAN code's 128×128 models
        Assert.Throws<ArgumentOutOfRangeException>(() => DcganLayout.For(30));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DcganEncoder(8, 28, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DcganGenerator(8, kernelSize: 3));
    }

    [Fact]
    public void Weights_start_from_the_DCGAN_initialisation()
    {
        Seeds.Set(0);
        using var g = new DcganGenerator(64, width: 32);
        using var scope = NewDisposeScope();
        var convWeights = g.named_parameters().Where(p => p.name.EndsWith("weight") && p.parameter.dim() > 1).ToList();
        Assert.NotEmpty(convWeights);
        foreach (var (name, w) in convWeights)
            Assert.InRange(w.std().item<float>(), 0.018f, 0.022f);   // N(0, 0.02); ≥ 800 weights each, so ±10% is > 3 standard errors
        Assert.All(g.named_parameters().Where(p => p.name.EndsWith("bias")), p => Assert.Equal(0f, p.parameter.abs().max().item<float>()));
    }
}
