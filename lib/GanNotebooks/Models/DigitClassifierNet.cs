using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Models;

/// <summary>
/// A small convolutional network that classifies 28×28 digits (input [N, 1, 28, 28] in [0, 1], output the
/// 10 class logits). Two 5×5 convolutions with max-pooling and one hidden layer: enough for about 97% on
/// held-out MNIST digits after a few seconds of training on 8,000 images, small enough to stay cheap.
/// It is the measuring instrument of the MNIST experiments, not part of any GAN.
/// </summary>
public sealed class DigitClassifierNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1, conv2;
    private readonly Linear hidden, output;
    private readonly Dropout dropout;

    /// <summary>Creates the network with freshly initialised weights (from TorchSharp's global generator).</summary>
    public DigitClassifierNet() : base(nameof(DigitClassifierNet))
    {
        conv1 = Conv2d(1, 16, 5, padding: 2);     // 28×28 → 28×28, pooled to 14×14
        conv2 = Conv2d(16, 32, 5, padding: 2);    // 14×14 → 14×14, pooled to 7×7
        hidden = Linear(32 * 7 * 7, 128);
        dropout = Dropout(0.3);
        output = Linear(128, 10);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = functional.max_pool2d(functional.relu(conv1.forward(images)), 2);
        x = functional.max_pool2d(functional.relu(conv2.forward(x)), 2);
        x = dropout.forward(functional.relu(hidden.forward(x.flatten(1))));
        return output.forward(x).MoveToOuterDisposeScope();
    }
}
