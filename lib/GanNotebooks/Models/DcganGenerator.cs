using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Models;

/// <summary>
/// A DCGAN generator G: z ∈ R^latentDim ↦ image in [−1, 1], shaped like the O-GAN reference code's:
/// Linear → base×base feature map → BatchNorm → ReLU, then stride-2 transposed convolutions that double the side,
/// each followed by BatchNorm and ReLU, and a last one to the image channels with tanh.
/// Weights start from N(0, 0.02), biases from 0, as in DCGAN.
/// </summary>
/// <remarks>
/// For 28×28 digits with <c>width = 32</c>: Linear(z → 64·7·7) → 64×7×7 → 32×14×14 → 1×28×28.
/// For 64×64 RGB with <c>width = 64</c>: 512×4×4 → 256×8×8 → 128×16×16 → 64×32×32 → 3×64×64.
/// Output is in [−1, 1]: scale [0, 1] data with <c>x·2 − 1</c> before showing both to the encoder.
/// </remarks>
public sealed class DcganGenerator : Module<Tensor, Tensor>
{
    private readonly Linear project;
    private readonly BatchNorm2d projectNorm;
    private readonly Sequential upsample;
    private readonly int baseChannels;

    /// <summary>Builds the generator.</summary>
    /// <param name="latentDim">Size n_z of the noise vector z.</param>
    /// <param name="imageSize">Side of the square output (see <see cref="DcganLayout.For"/>).</param>
    /// <param name="channels">1 (grayscale) or 3 (RGB).</param>
    /// <param name="width">Channels of the last hidden feature map; earlier maps have 2×, 4×, ... as many.</param>
    /// <param name="kernelSize">5 (the reference) or 4.</param>
    public DcganGenerator(int latentDim, int imageSize = 28, int channels = 1, int width = 32, int kernelSize = 5)
        : base(nameof(DcganGenerator))
    {
        DcganLayout.CheckSizes(latentDim, channels, width);
        Layout = DcganLayout.For(imageSize);
        var (padding, outputPadding) = DcganLayout.SamePadding(kernelSize);
        LatentDim = latentDim;
        Channels = channels;

        baseChannels = Layout.Channels(width, Layout.Steps - 1);
        project = Linear(latentDim, baseChannels * Layout.BaseSize * Layout.BaseSize);
        projectNorm = BatchNorm2d(baseChannels);
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        for (var i = Layout.Steps - 1; i >= 0; i--)
        {
            var inChannels = Layout.Channels(width, i);
            var last = i == 0;
            var outChannels = last ? channels : Layout.Channels(width, i - 1);
            layers.Add(($"deconv{Layout.Steps - 1 - i}", ConvTranspose2d(inChannels, outChannels, kernelSize, stride: 2,
                padding: padding, output_padding: outputPadding)));
            if (last)
                layers.Add(("tanh", Tanh()));
            else
            {
                layers.Add(($"norm{Layout.Steps - 1 - i}", BatchNorm2d(outChannels)));
                layers.Add(($"relu{Layout.Steps - 1 - i}", ReLU()));
            }
        }
        upsample = Sequential(layers);
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>The spatial plan (image side, base side, number of doublings).</summary>
    public DcganLayout Layout { get; }

    /// <summary>Size n_z of the noise vector.</summary>
    public int LatentDim { get; }

    /// <summary>Image channels (1 or 3).</summary>
    public int Channels { get; }

    /// <summary>Maps z [N, latentDim] to images [N, channels, imageSize, imageSize] in [−1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        var h = project.forward(z).view(-1, baseChannels, Layout.BaseSize, Layout.BaseSize);
        return upsample.forward(functional.relu(projectNorm.forward(h)));
    }

}
