using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Models;

/// <summary>The nonlinearities the course's networks put between (or after) their layers.</summary>
public enum Activation
{
    /// <summary>No nonlinearity: the layer's output is passed on unchanged (a generator of points ends this way).</summary>
    None,

    /// <summary>max(0, x).</summary>
    ReLU,

    /// <summary>max(0.2·x, x): like ReLU, but a negative input still gets a gradient (slope 0.2, as in DCGAN).</summary>
    LeakyReLU,

    /// <summary>tanh(x), in (−1, 1): the output of a generator of images scaled to [−1, 1].</summary>
    Tanh,

    /// <summary>x for x &gt; 0, eˣ − 1 otherwise: smooth at 0.</summary>
    ELU,

    /// <summary>σ(x) = 1/(1 + e⁻ˣ), in (0, 1).</summary>
    Sigmoid,
}

/// <summary>Turns an <see cref="Activation"/> into a module: the one place that knows what each name means.</summary>
public static class Activations
{
    /// <summary>The module computing <paramref name="activation"/> (an identity for <see cref="Activation.None"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is not one of the named activations.</exception>
    public static Module<Tensor, Tensor> Create(Activation activation) => activation switch
    {
        Activation.None => Identity(),
        Activation.ReLU => ReLU(),
        Activation.LeakyReLU => LeakyReLU(0.2),
        Activation.Tanh => Tanh(),
        Activation.ELU => ELU(),
        Activation.Sigmoid => Sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation,
            $"activation must be one of {string.Join(", ", Enum.GetNames<Activation>())}; got {(int)activation}."),
    };
}
