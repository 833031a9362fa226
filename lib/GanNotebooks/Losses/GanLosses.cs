using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanNotebooks.Losses;

/// <summary>
/// The losses of the original GAN, written on the discriminator's logits ℓ (D = σ(ℓ)). Reference
/// implementations: chapter 3 derives and writes them in its cells; later chapters call these.
/// </summary>
/// <remarks>
/// log σ(ℓ) and log(1 − σ(ℓ)) = log σ(−ℓ) are computed by <c>logsigmoid</c>, which evaluates
/// log σ(t) = −softplus(−t) = min(t, 0) − log(1 + e^−|t|) without forming σ(ℓ) first. Written this way the losses
/// stay finite and their gradients exact even where D is within 1e-8 of 0 or 1, where the log of a rounded
/// probability would give −∞ (and a NaN gradient).
/// Each loss is a mean over the batch; inputs are logits of any shape ([N, 1] or [N]).
/// </remarks>
/// <example>
/// <code>
/// var lossD = GanLosses.Discriminator(D.forward(real), D.forward(fake.detach()));
/// var lossG = GanLosses.NonSaturatingGenerator(D.forward(fake));
/// </code>
/// </example>
public static class GanLosses
{
    /// <summary>
    /// The discriminator's loss −V(G, D) on a batch: −E log D(x) − E log(1 − D(G(z))) = mean softplus(−ℓ_real) +
    /// mean softplus(ℓ_fake), the binary cross-entropy with real labelled 1 and generated labelled 0, summed over
    /// the two halves. 2 log 2 ≈ 1.386 when D cannot tell them apart (D = ½ everywhere).
    /// </summary>
    /// <param name="realLogits">ℓ on real samples.</param>
    /// <param name="fakeLogits">ℓ on generated samples (detach them, so this loss does not reach G).</param>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        -logsigmoid(realLogits).mean() - logsigmoid(-fakeLogits).mean();

    /// <summary>
    /// The minimax generator loss E log(1 − D(G(z))) = E log σ(−ℓ_fake), minimised by G. Its gradient with
    /// respect to ℓ is −σ(ℓ) = −D per sample: it vanishes when D confidently rejects the fakes (saturation).
    /// </summary>
    public static Tensor MinimaxGenerator(Tensor fakeLogits) => logsigmoid(-fakeLogits).mean();

    /// <summary>
    /// The non-saturating generator loss −E log D(G(z)) = −E log σ(ℓ_fake), minimised by G: the
    /// discriminator's loss on fakes with the labels flipped to "real". Its gradient with respect to ℓ is
    /// −(1 − σ(ℓ)) = −(1 − D) per sample: largest exactly when D rejects the fakes.
    /// </summary>
    public static Tensor NonSaturatingGenerator(Tensor fakeLogits) => -logsigmoid(fakeLogits).mean();
}
