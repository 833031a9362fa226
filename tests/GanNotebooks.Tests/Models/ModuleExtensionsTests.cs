using GanNotebooks.Distributions;
using GanNotebooks.Models;

namespace GanNotebooks.Tests.Models;

public class ModuleExtensionsTests
{
    [Fact]
    public void Parameter_count_is_weights_plus_biases_counted_by_hand()
    {
        // 3 → 5 → 2: (3·5 + 5) + (5·2 + 2) = 32.
        using var mlp = new Mlp(3, new[] { 5 }, 2);
        Assert.Equal(32, mlp.ParameterCount());
        // A VAE is its encoder plus its decoder: 4 → 6 → 2·2 and 2 → 6 → 4.
        using var vae = new MlpVae(4, new[] { 6 }, 2);
        Assert.Equal((4 * 6 + 6) + (6 * 4 + 4), vae.EncoderParameterCount);
        Assert.Equal((2 * 6 + 6) + (6 * 4 + 4), vae.DecoderParameterCount);
        Assert.Equal(vae.EncoderParameterCount + vae.DecoderParameterCount, vae.ParameterCount());
    }

    [Fact]
    public void Frozen_parameters_count_too()
    {
        // a, b and three numbers per tanh unit, none of them trainable.
        using var g = MonotoneGenerator1D.Random(seed: 1, hidden: 4);
        Assert.Equal(2 + 3 * 4, g.ParameterCount());
        Assert.All(g.parameters(), p => Assert.False(p.requires_grad));
    }
}
