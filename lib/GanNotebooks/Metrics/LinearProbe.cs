using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>What a linear probe achieved.</summary>
/// <param name="TrainAccuracy">Fraction of the training features classified correctly.</param>
/// <param name="TestAccuracy">Fraction of the held-out features classified correctly (the number to report).</param>
/// <param name="Classes">Number of classes.</param>
public sealed record LinearProbeResult(double TrainAccuracy, double TestAccuracy, int Classes);

/// <summary>
/// A linear probe: multinomial logistic regression fitted on frozen features, scored on held-out features.
/// It measures how much class information a representation holds in a linearly readable form, the standard
/// test of an encoder learned without labels. Features are standardised with the training set's mean and
/// standard deviation, so the probe does not depend on their scale.
/// </summary>
public static class LinearProbe
{
    /// <summary>Fits the probe on (<paramref name="trainFeatures"/>, <paramref name="trainLabels"/>) and scores it on both sets.</summary>
    /// <param name="trainFeatures">[N, d] features (detached; any device).</param>
    /// <param name="trainLabels">[N] int64 classes 0..classes−1.</param>
    /// <param name="testFeatures">[M, d] held-out features.</param>
    /// <param name="testLabels">[M] held-out classes.</param>
    /// <param name="classes">Number of classes (10 for digits).</param>
    /// <param name="epochs">Full-batch Adam steps; the problem is convex, a few hundred suffice.</param>
    /// <param name="learningRate">Adam step size.</param>
    /// <param name="weightDecay">L2 penalty on the weights, so that separable data does not push them to infinity.</param>
    public static LinearProbeResult Fit(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels,
                                        int classes = 10, int epochs = 300, double learningRate = 0.05, double weightDecay = 1e-4)
    {
        if (trainFeatures.dim() != 2 || testFeatures.dim() != 2 || trainFeatures.shape[1] != testFeatures.shape[1])
            throw new ArgumentException("features must be [N, d] and [M, d] with the same d.");
        if (trainLabels.shape[0] != trainFeatures.shape[0] || testLabels.shape[0] != testFeatures.shape[0])
            throw new ArgumentException("each feature row needs one label.");
        Require.AtLeast(classes, 2);
        Require.AtLeast(epochs, 1);

        using var scope = NewDisposeScope();
        var device = trainFeatures.device;
        var xTrain = trainFeatures.detach().to_type(ScalarType.Float32);
        var mean = xTrain.mean(new long[] { 0 }, keepdim: true);
        var std = xTrain.std(0, keepdim: true).clamp_min(1e-6);
        xTrain = (xTrain - mean) / std;
        var xTest = (testFeatures.detach().to(device).to_type(ScalarType.Float32) - mean) / std;
        var yTrain = trainLabels.to(device).to_type(ScalarType.Int64);
        var yTest = testLabels.to(device).to_type(ScalarType.Int64);

        var d = xTrain.shape[1];
        var weight = nn.Parameter(zeros(d, classes, device: device));
        var bias = nn.Parameter(zeros(classes, device: device));
        var optimizer = optim.Adam(new[] { weight, bias }, learningRate);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var step = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(xTrain.matmul(weight) + bias, yTrain) + weightDecay * weight.square().sum();
            loss.backward();
            optimizer.step();
        }
        using var _ = no_grad();
        double Accuracy(Tensor x, Tensor y) => (x.matmul(weight) + bias).argmax(1).eq(y).to_type(ScalarType.Float64).mean().item<double>();
        return new LinearProbeResult(Accuracy(xTrain, yTrain), Accuracy(xTest, yTest), classes);
    }
}
