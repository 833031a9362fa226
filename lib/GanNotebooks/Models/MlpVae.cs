using TorchSharp;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Models;

/// <summary>
/// A fully-connected variational autoencoder: an encoder q(z | x) = N(μ(x), diag σ²(x)) and a decoder that
/// turns a latent code z into the logits of 784 independent Bernoulli pixels. The course writes the loss and
/// the training step in the notebook; this class holds the two networks and a reference implementation of the
/// closed-form KL term, pinned down by a Monte-Carlo test.
/// </summary>
/// <remarks>
/// The encoder outputs log σ² rather than σ so that any real number is a valid output (σ = exp(½ log σ²) &gt; 0)
/// and the KL term, which contains log σ², needs no extra logarithm.
/// </remarks>
public sealed class MlpVae : torch.nn.Module<Tensor, Tensor>
{
    private readonly Mlp encoder;
    private readonly Mlp decoder;

    /// <summary>Builds encoder in → hidden → 2·latentDim and decoder latentDim → reversed hidden → in.</summary>
    /// <param name="inFeatures">Size of a flattened sample (784 for a 28×28 digit).</param>
    /// <param name="hidden">Hidden sizes of the encoder; the decoder uses them in reverse order, so it mirrors
    /// a GAN generator of the same widths.</param>
    /// <param name="latentDim">Size of the latent code z.</param>
    /// <param name="activation">Activation between layers (see <see cref="Mlp"/>).</param>
    public MlpVae(int inFeatures, int[] hidden, int latentDim, Activation activation = Activation.LeakyReLU) : base(nameof(MlpVae))
    {
        Require.AtLeast(latentDim, 1);
        LatentDim = latentDim;
        encoder = new Mlp(inFeatures, hidden, 2 * latentDim, activation);
        decoder = new Mlp(latentDim, hidden.AsEnumerable().Reverse().ToArray(), inFeatures, activation);
        RegisterComponents();
    }

    /// <summary>Size of the latent code z.</summary>
    public int LatentDim { get; }

    /// <summary>The encoder's Gaussian: mean μ and log-variance log σ², each [N, latentDim].</summary>
    public (Tensor Mean, Tensor LogVar) Encode(Tensor x)
    {
        var h = encoder.forward(x);
        return (h.narrow(1, 0, LatentDim), h.narrow(1, LatentDim, LatentDim));
    }

    /// <summary>The decoder's pixel logits [N, inFeatures]; sigmoid of them is the mean image.</summary>
    public Tensor Decode(Tensor z) => decoder.forward(z);

    /// <summary>Reconstruction logits through the encoder's mean (no sampling): what "the reconstruction" shows.</summary>
    public override Tensor forward(Tensor x) => Decode(Encode(x).Mean);

    /// <summary>Parameters of the encoder (the part a GAN does not have).</summary>
    public long EncoderParameterCount => encoder.ParameterCount();

    /// <summary>Parameters of the decoder (the counterpart of a GAN generator).</summary>
    public long DecoderParameterCount => decoder.ParameterCount();


    /// <summary>
    /// KL( N(μ, diag σ²) ‖ N(0, I) ) per row, in nats: ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²). Reference for the
    /// notebook's own line; the test checks it against a Monte-Carlo estimate of E_q[log q − log p].
    /// </summary>
    /// <param name="mean">μ, shape [N, d].</param>
    /// <param name="logVar">log σ², shape [N, d].</param>
    public static Tensor KlToStandardNormal(Tensor mean, Tensor logVar) =>
        0.5 * (mean.pow(2) + logVar.exp() - 1 - logVar).sum(1);
}
