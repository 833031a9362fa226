using GanNotebooks.Models;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Models;

/// <summary>Each activation is the function its name says, and every model builds it through the same factory.</summary>
public class ActivationTests
{
    private static readonly double[] Inputs = { -3, -0.5, 0, 0.5, 3 };

    [Theory]
    [InlineData(Activation.None)]
    [InlineData(Activation.ReLU)]
    [InlineData(Activation.LeakyReLU)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.ELU)]
    [InlineData(Activation.Sigmoid)]
    public void Each_activation_computes_its_formula(Activation activation)
    {
        Func<double, double> expected = activation switch
        {
            Activation.None => x => x,
            Activation.ReLU => x => Math.Max(0, x),
            Activation.LeakyReLU => x => x > 0 ? x : 0.2 * x,
            Activation.Tanh => Math.Tanh,
            Activation.ELU => x => x > 0 ? x : Math.Exp(x) - 1,
            Activation.Sigmoid => x => 1 / (1 + Math.Exp(-x)),
            _ => throw new InvalidOperationException(),
        };
        using var module = Activations.Create(activation);
        using var input = from_array(Inputs);
        using var output = module.forward(input);
        var actual = output.data<double>().ToArray();
        for (var i = 0; i < Inputs.Length; i++) Assert.Equal(expected(Inputs[i]), actual[i], 12);
    }

    [Fact]
    public void An_unnamed_value_is_refused_instead_of_replaced()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Activations.Create((Activation)42));
        Assert.Contains("LeakyReLU", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(2, new[] { 3 }, 1, (Activation)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionalDiscriminator(2, 3, new[] { 4 }, activation: (Activation)42));
    }

    [Fact]
    public void An_mlp_applies_the_output_activation_last()
    {
        manual_seed(1);
        using var mlp = new Mlp(3, new[] { 8 }, 4, Activation.ReLU, Activation.Tanh);
        using var x = randn(64, 3) * 10;
        using var y = mlp.forward(x);
        Assert.True(y.abs().max().item<float>() < 1f);
        manual_seed(1);
        using var sigmoidMlp = new Mlp(3, new[] { 8 }, 4, Activation.ReLU, Activation.Sigmoid);
        using var s = sigmoidMlp.forward(x);
        // Same seed, same weights, same pre-activation z: recover z = atanh(tanh z) and compare σ(z) with the sigmoid model.
        using var z = atanh(y.to_type(ScalarType.Float64));
        Assert.True((s.to_type(ScalarType.Float64) - sigmoid(z)).abs().max().item<double>() < 1e-5);
    }
}
