using TorchSharp;
using TorchSharp.Modules;
using GanNotebooks.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Models;

/// <summary>How a conditional discriminator uses the condition c.</summary>
public enum ConditionInput
{
    /// <summary>D ignores c and judges x alone (the ablation: G then has no reason to obey c).</summary>
    Ignored,

    /// <summary>The label code is concatenated to x at the input: D(x, c) = MLP([x, code(c)]).</summary>
    Concatenated,

    /// <summary>
    /// The projection discriminator (Miyato and Koyama, 2018): D(x, c) = ψ(φ(x)) + e(c)·φ(x), with a feature
    /// network φ, a linear head ψ and a learned class embedding e. Derived from the log-ratio
    /// log p(c | x)/q(c | x) of a softmax classifier, it lets the condition act on the features where they are
    /// most informative instead of at the pixels.
    /// </summary>
    Projection,
}

/// <summary>
/// A conditional discriminator D(x, c) for flattened samples: returns one logit per (sample, label) pair, so
/// that σ(logit) is the probability that the pair is a real sample with its true label.
/// </summary>
public sealed class ConditionalDiscriminator : Module<Tensor, Tensor, Tensor>
{
    private readonly LabelCode? code;
    private readonly Mlp features;
    private readonly Module<Tensor, Tensor> featureActivation;
    private readonly Linear head;
    private readonly Embedding? projection;

    /// <summary>Builds D.</summary>
    /// <param name="inFeatures">Size of a sample (784 for a flattened digit, 2 for a point).</param>
    /// <param name="classes">Number of classes (labels 0..classes−1).</param>
    /// <param name="hidden">Hidden sizes of the feature network φ; the last one is the feature size (at least one).</param>
    /// <param name="input">How c enters (see <see cref="ConditionInput"/>).</param>
    /// <param name="encoding">Code of c for <see cref="ConditionInput.Concatenated"/> (one-hot or learned embedding).</param>
    /// <param name="embeddingDim">Embedding size for <see cref="LabelEncoding.Embedding"/>.</param>
    /// <param name="activation">Activation between layers, also applied to the features φ(x).</param>
    public ConditionalDiscriminator(int inFeatures, int classes, int[] hidden, ConditionInput input = ConditionInput.Concatenated,
                                    LabelEncoding encoding = LabelEncoding.OneHot, int embeddingDim = 16,
                                    Activation activation = Activation.LeakyReLU)
        : base(nameof(ConditionalDiscriminator))
    {
        if (hidden.Length == 0) throw new ArgumentException("hidden needs at least one layer (the feature size).", nameof(hidden));
        Require.AtLeast(classes, 2);
        Input = input;
        Classes = classes;
        InFeatures = inFeatures;
        var extra = 0;
        if (input == ConditionInput.Concatenated)
        {
            code = new LabelCode(classes, encoding, embeddingDim);
            extra = code.Width;
        }
        // φ: all hidden layers with an activation after the last one too (an Mlp ends on a bare Linear).
        features = new Mlp(inFeatures + extra, hidden[..^1], hidden[^1], activation);
        featureActivation = Activations.Create(activation);
        head = Linear(hidden[^1], 1);
        if (input == ConditionInput.Projection) projection = Embedding(classes, hidden[^1]);
        RegisterComponents();
    }

    /// <summary>How c enters.</summary>
    public ConditionInput Input { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Size of a sample.</summary>
    public int InFeatures { get; }

    /// <summary>The logits [N, 1] of the pairs (x[i], labels[i]); x is [N, inFeatures], labels int64 [N].</summary>
    public override Tensor forward(Tensor x, Tensor labels)
    {
        if (x.dim() != 2 || x.shape[1] != InFeatures)
            throw new ArgumentException($"x must have shape [N, {InFeatures}]; got [{string.Join(",", x.shape)}].", nameof(x));
        if (labels.dim() != 1 || labels.shape[0] != x.shape[0])
            throw new ArgumentException($"labels must have shape [{x.shape[0]}]; got [{string.Join(",", labels.shape)}].", nameof(labels));
        var input = code is null ? x : cat(new[] { x, code.forward(labels) }, 1);
        var phi = featureActivation.forward(features.forward(input));
        var logit = head.forward(phi);
        if (projection is not null)
            logit = logit + (projection.forward(labels) * phi).sum(1, keepdim: true);
        return logit;
    }

}
