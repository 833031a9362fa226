using TorchSharp;
using TorchSharp.Modules;
using GanNotebooks.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Models;

/// <summary>
/// A conditional generator G(z, c): the noise z and a code of the requested class c are concatenated and
/// fed to an MLP. The noise supplies the variety (the many right answers), the class code says which kind of
/// answer is wanted.
/// </summary>
/// <remarks>
/// The class code is either a one-hot vector (<see cref="LabelEncoding.OneHot"/>, fixed) or a learned embedding
/// (<see cref="LabelEncoding.Embedding"/>, a trainable table with one row per class). Feeding a one-hot vector to
/// the first Linear layer is the same as adding a learned per-class bias to that layer; an embedding of size
/// e &lt; classes is a low-rank version of that bias, which matters when there are thousands of classes.
/// </remarks>
public sealed class ConditionalGenerator : Module<Tensor, Tensor, Tensor>
{
    private readonly LabelCode code;
    private readonly Mlp body;

    /// <summary>Builds G: [z, code(c)] → hidden → <paramref name="outFeatures"/>.</summary>
    /// <param name="noiseDim">Size of z.</param>
    /// <param name="classes">Number of classes c can take (labels 0..classes−1).</param>
    /// <param name="hidden">Hidden layer sizes of the MLP.</param>
    /// <param name="outFeatures">Size of a sample (784 for a flattened 28×28 digit, 2 for a point).</param>
    /// <param name="encoding">How the label enters (one-hot or a learned embedding).</param>
    /// <param name="embeddingDim">Size of the learned embedding (ignored for one-hot).</param>
    /// <param name="activation">Activation between layers (see <see cref="Mlp"/>).</param>
    /// <param name="outputActivation"><see cref="Activation.None"/> for points, <see cref="Activation.Tanh"/> for images in [−1, 1].</param>
    public ConditionalGenerator(int noiseDim, int classes, int[] hidden, int outFeatures,
                                LabelEncoding encoding = LabelEncoding.OneHot, int embeddingDim = 16,
                                Activation activation = Activation.LeakyReLU, Activation outputActivation = Activation.None)
        : base(nameof(ConditionalGenerator))
    {
        Require.AtLeast(noiseDim, 1);
        NoiseDim = noiseDim;
        Classes = classes;
        code = new LabelCode(classes, encoding, embeddingDim);
        body = new Mlp(noiseDim + code.Width, hidden, outFeatures, activation, outputActivation);
        RegisterComponents();
    }

    /// <summary>Size of z.</summary>
    public int NoiseDim { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Samples [N, outFeatures] for noise <paramref name="z"/> [N, noiseDim] and labels <paramref name="labels"/> (int64 [N]).</summary>
    public override Tensor forward(Tensor z, Tensor labels)
    {
        if (z.dim() != 2 || z.shape[1] != NoiseDim)
            throw new ArgumentException($"z must have shape [N, {NoiseDim}]; got [{string.Join(",", z.shape)}].", nameof(z));
        return body.forward(cat(new[] { z, code.forward(labels) }, 1));
    }

}

/// <summary>How a class label is turned into a vector that a network can read.</summary>
public enum LabelEncoding
{
    /// <summary>A fixed one-hot vector of length <c>classes</c>.</summary>
    OneHot,

    /// <summary>A learned vector per class (a lookup table trained with the network).</summary>
    Embedding,
}

/// <summary>
/// Turns labels int64 [N] into codes float32 [N, <see cref="Width"/>]: one-hot rows or rows of a learned
/// embedding table. Shared by <see cref="ConditionalGenerator"/> and <see cref="ConditionalDiscriminator"/>.
/// </summary>
public sealed class LabelCode : Module<Tensor, Tensor>
{
    private readonly Embedding? table;

    /// <summary>Creates the code for <paramref name="classes"/> classes.</summary>
    public LabelCode(int classes, LabelEncoding encoding, int embeddingDim = 16) : base(nameof(LabelCode))
    {
        Require.AtLeast(classes, 2);
        if (encoding == LabelEncoding.Embedding && embeddingDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(embeddingDim), embeddingDim, "embeddingDim must be positive.");
        Classes = classes;
        Encoding = encoding;
        Width = encoding == LabelEncoding.OneHot ? classes : embeddingDim;
        if (encoding == LabelEncoding.Embedding) table = Embedding(classes, embeddingDim);
        RegisterComponents();
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>One-hot or embedding.</summary>
    public LabelEncoding Encoding { get; }

    /// <summary>Length of each code vector.</summary>
    public int Width { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor labels)
    {
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be int64 [N]; got {labels.dtype} [{string.Join(",", labels.shape)}].", nameof(labels));
        return table is null
            ? functional.one_hot(labels, Classes).to_type(ScalarType.Float32)
            : table.forward(labels);
    }
}
