using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// The size of a network's gradient: the Euclidean norm of all parameter gradients stacked into one
/// vector, sqrt(Σ ‖∂L/∂w‖²). It is the length of the step plain gradient descent would take (per unit of
/// learning rate), which is what "the gradient vanishes" is about.
/// </summary>
public static class GradientNorm
{
    /// <summary>
    /// The norm of the gradients currently stored in the parameters (call after <c>backward()</c>);
    /// parameters without a gradient count as zero.
    /// </summary>
    public static double Of(IEnumerable<Parameter> parameters)
    {
        double sumOfSquares = 0;
        using (no_grad())
            foreach (var p in parameters)
            {
                if (p.grad is null) continue;
                using var g = p.grad.to_type(float64);
                sumOfSquares += g.pow(2).sum().item<double>();
            }
        return Math.Sqrt(sumOfSquares);
    }

    /// <summary>The norm of the gradients stored in every parameter of <paramref name="module"/> (call after
    /// <c>backward()</c>), for example <c>GradientNorm.Of(generator)</c>.</summary>
    public static double Of(nn.Module module) => Of(module.parameters());
}
