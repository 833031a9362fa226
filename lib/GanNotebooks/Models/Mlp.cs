using TorchSharp;
using TorchSharp.Modules;
using GanNotebooks.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Models;

/// <summary>
/// A multilayer perceptron: Linear layers with an activation between them. The usual generator and
/// discriminator of the toy experiments (1-D and 2-D data, flattened MNIST).
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Builds in → hidden[0] → … → hidden[^1] → out.</summary>
    /// <param name="inFeatures">Input size.</param>
    /// <param name="hidden">Hidden layer sizes (may be empty: a single linear map).</param>
    /// <param name="outFeatures">Output size.</param>
    /// <param name="activation">The nonlinearity between layers.</param>
    /// <param name="outputActivation">The nonlinearity after the last layer: none for logits and points,
    /// <see cref="Activation.Tanh"/> for images in [−1, 1].</param>
    public Mlp(int inFeatures, int[] hidden, int outFeatures, Activation activation = Activation.ReLU,
               Activation outputActivation = Activation.None)
        : base(nameof(Mlp))
    {
        Require.AtLeast(inFeatures, 1);
        Require.AtLeast(outFeatures, 1);
        if (hidden.Any(h => h <= 0)) throw new ArgumentException("Every hidden size must be positive.", nameof(hidden));

        var modules = new List<(string, Module<Tensor, Tensor>)>();
        var width = inFeatures;
        for (var i = 0; i < hidden.Length; i++)
        {
            modules.Add(($"linear{i}", Linear(width, hidden[i])));
            modules.Add(($"act{i}", Activations.Create(activation)));
            width = hidden[i];
        }
        modules.Add(("out", Linear(width, outFeatures)));
        modules.Add(("out_act", Activations.Create(outputActivation)));
        layers = Sequential(modules);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => layers.forward(input);

}
