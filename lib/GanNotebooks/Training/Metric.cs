using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>
/// A named number measured at a training step (a loss, a mean D(x), a gradient norm), as
/// <see cref="TrainingLoop.Report"/>, <see cref="DivergenceGuard.Check"/> and <see cref="Display.Progress.Report"/> take it.
/// </summary>
/// <remarks>
/// Write it as a pair: <c>("loss_D", lossD)</c>. The value may be a double, a float, an int or a one-element tensor
/// (read with <c>item</c>), so a loss tensor can be passed as it is.
/// </remarks>
public readonly record struct Metric(string Name, double Value)
{
    /// <summary>A pair (name, double value).</summary>
    public static implicit operator Metric((string Name, double Value) pair) => new(pair.Name, pair.Value);

    /// <summary>A pair (name, float value), for example <c>("loss_D", loss.item&lt;float&gt;())</c>.</summary>
    public static implicit operator Metric((string Name, float Value) pair) => new(pair.Name, pair.Value);

    /// <summary>A pair (name, integer value), for example a number of modes covered.</summary>
    public static implicit operator Metric((string Name, int Value) pair) => new(pair.Name, pair.Value);

    /// <summary>A pair (name, one-element tensor), for example <c>("loss_D", lossD)</c>; the value is read now.</summary>
    public static implicit operator Metric((string Name, Tensor Value) pair)
    {
        if (pair.Value.numel() != 1)
            throw new ArgumentException($"{pair.Name} must be a one-element tensor; got shape [{string.Join(", ", pair.Value.shape)}].");
        var t = pair.Value;
        if (t.dtype == ScalarType.Float32) return new(pair.Name, t.item<float>());
        if (t.dtype == ScalarType.Float64) return new(pair.Name, t.item<double>());
        using var noGrad = no_grad();
        using var converted = t.detach().to_type(ScalarType.Float64);
        return new(pair.Name, converted.item<double>());
    }
}
