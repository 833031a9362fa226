using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Models;

/// <summary>
/// A DCGAN discriminator body used as an encoder E: image ↦ R^latentDim, shaped like the O-GAN reference code's:
/// stride-2 convolutions that halve the side (BatchNorm on all but the first, LeakyReLU 0.2), then a linear map
/// to latentDim outputs with no activation. In O-GAN the discriminator is <c>avg(E(x))</c>, the mean of these outputs,
/// so the same network is both the discriminator and the encoder.
/// Weights start from N(0, 0.02), biases from 0, as in DCGAN.
/// </summary>
/// <remarks>For 28×28 digits with <c>width = 32</c>: 1×28×28 → 32×14×14 → 64×7×7 → Linear(3136 → latentDim).</remarks>
public sealed class DcganEncoder : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear head;

    /// <summary>Builds the encoder.</summary>
    /// <param name="latentDim">Size of the code E(x) (n_z of the generator it is paired with).</param>
    /// <param name="imageSize">Side of the square input (see <see cref="DcganLayout.For"/>).</param>
    /// <param name="channels">1 (grayscale) or 3 (RGB).</param>
    /// <param name="width">Channels of the first feature map; later maps have 2×, 4×, ... as many.</param>
    /// <param name="kernelSize">5 (the reference) or 4.</param>
    public DcganEncoder(int latentDim, int imageSize = 28, int channels = 1, int width = 32, int kernelSize = 5)
        : base(nameof(DcganEncoder))
    {
        DcganLayout.CheckSizes(latentDim, channels, width);
        Layout = DcganLayout.For(imageSize);
        var (padding, _) = DcganLayout.SamePadding(kernelSize);
        LatentDim = latentDim;
        Channels = channels;

        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var inChannels = channels;
        for (var i = 0; i < Layout.Steps; i++)
        {
            var outChannels = Layout.Channels(width, i);
            layers.Add(($"conv{i}", Conv2d(inChannels, outChannels, kernelSize, stride: 2, padding: padding)));
            if (i > 0) layers.Add(($"norm{i}", BatchNorm2d(outChannels)));
            layers.Add(($"lrelu{i}", LeakyReLU(0.2)));
            inChannels = outChannels;
        }
        layers.Add(("flatten", Flatten()));
        features = Sequential(layers);
        head = Linear(inChannels * Layout.BaseSize * Layout.BaseSize, latentDim);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>The spatial plan (image side, base side, number of halvings).</summary>
    public DcganLayout Layout { get; }

    /// <summary>Size of the code.</summary>
    public int LatentDim { get; }

    /// <summary>Image channels (1 or 3).</summary>
    public int Channels { get; }

    /// <summary>Maps images [N, channels, imageSize, imageSize] (values in [−1, 1]) to codes [N, latentDim].</summary>
    public override Tensor forward(Tensor images) => head.forward(features.forward(images));

}
