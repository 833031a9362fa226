using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>A Monte-Carlo estimate and its standard error.</summary>
/// <param name="Value">The estimate.</param>
/// <param name="StandardError">The standard deviation of the estimate over repeated samples, estimated from the
/// samples' own spread: about 68% of repetitions land within ±1, 95% within ±2.</param>
public sealed record MonteCarloEstimate(double Value, double StandardError);

/// <summary>
/// The GAN value function V(G, D) = E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 − D(x))], estimated from samples.
/// It is minus the discriminator's binary cross-entropy (real labelled 1, fake labelled 0), summed over the two
/// halves; chapter 2 shows V(G, D*) = −log 4 + 2·JS(p_data‖p_g).
/// </summary>
public static class ValueFunction
{
    /// <summary>
    /// Estimates V(G, D) from <paramref name="real"/> samples of p_data and <paramref name="fake"/> samples of p_g,
    /// for a discriminator given by its <paramref name="logit"/> ℓ(x) (D = σ(ℓ)). Works with logits because
    /// log σ(ℓ) and log(1 − σ(ℓ)) = log σ(−ℓ) are then computed stably even where D is within 1e-8 of 0 or 1.
    /// </summary>
    /// <param name="logit">Maps a batch [n, d] to logits [n, 1] (for example a discriminator's <c>forward</c>).</param>
    /// <param name="real">Samples of p_data, [n, d].</param>
    /// <param name="fake">Samples of p_g, [m, d].</param>
    public static MonteCarloEstimate Estimate(Func<Tensor, Tensor> logit, Tensor real, Tensor fake)
    {
        if (real.shape[0] < 2 || fake.shape[0] < 2) throw new ArgumentException("Need at least 2 real and 2 fake samples for a standard error.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logDReal = nn.functional.logsigmoid(logit(real)).to_type(ScalarType.Float64).flatten();
        var log1mDFake = nn.functional.logsigmoid(-logit(fake)).to_type(ScalarType.Float64).flatten();
        var value = logDReal.mean().item<double>() + log1mDFake.mean().item<double>();
        // The two halves use independent samples, so their variances add.
        var variance = logDReal.var().item<double>() / logDReal.shape[0] + log1mDFake.var().item<double>() / log1mDFake.shape[0];
        return new MonteCarloEstimate(value, Math.Sqrt(variance));
    }

    /// <summary>
    /// The JS estimate (V(G, D) + log 4)/2 with its standard error. With D = D* it is JS(p_data‖p_g) up to sampling
    /// noise; with any other D it is lower on average, because D* maximises V.
    /// </summary>
    public static MonteCarloEstimate JsEstimate(Func<Tensor, Tensor> logit, Tensor real, Tensor fake)
    {
        var v = Estimate(logit, real, fake);
        return new MonteCarloEstimate((v.Value + Math.Log(4)) / 2, v.StandardError / 2);
    }
}
