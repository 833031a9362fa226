using GanNotebooks.Metrics;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Metrics;

public class LinearProbeTests
{
    private static double Phi(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    // Abramowitz & Stegun 7.1.26, |error| < 1.5e-7: ample for a tolerance of 0.02.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }

    [Fact]
    public void Two_gaussian_classes_reach_the_Bayes_accuracy()
    {
        // Classes N(−μ, I) and N(+μ, I) in 5 dimensions with ‖2μ‖ = Δ: the best possible (Bayes) classifier is linear
        // and is right with probability Φ(Δ/2). With 4,000 test points the accuracy's standard error is ≈ 0.006.
        Seeds.Set(5);
        using var scope = NewDisposeScope();
        const double delta = 2.0;
        var mu = tensor(new float[] { 1, 1, 0, 0, 0 }) * (float)(delta / 2 / Math.Sqrt(2));
        (Tensor X, Tensor Y) Sample(int n)
        {
            var y = randint(0, 2, new long[] { n });
            var x = randn(n, 5) + (2 * y.to_type(ScalarType.Float32) - 1).unsqueeze(1) * mu;
            return (x, y);
        }
        var (xTrain, yTrain) = Sample(4000);
        var (xTest, yTest) = Sample(4000);
        var result = LinearProbe.Fit(xTrain, yTrain, xTest, yTest, classes: 2);
        Assert.InRange(result.TestAccuracy, Phi(delta / 2) - 0.025, Phi(delta / 2) + 0.025);
    }

    [Fact]
    public void Labels_unrelated_to_the_features_stay_at_chance()
    {
        Seeds.Set(6);
        using var scope = NewDisposeScope();
        var result = LinearProbe.Fit(randn(3000, 8), randint(0, 10, new long[] { 3000 }), randn(3000, 8), randint(0, 10, new long[] { 3000 }));
        // Chance is 0.1; the standard error with 3,000 test points is 0.0055.
        Assert.InRange(result.TestAccuracy, 0.07, 0.13);
    }

    [Fact]
    public void Feature_scale_does_not_matter()
    {
        Seeds.Set(7);
        using var scope = NewDisposeScope();
        var x = randn(1000, 4);
        var y = (x[.., 0] + x[.., 1] > 0).to_type(ScalarType.Int64);
        var a = LinearProbe.Fit(x, y, x, y, classes: 2);
        var b = LinearProbe.Fit(x * 1000 + 7, y, x * 1000 + 7, y, classes: 2);
        Assert.Equal(a.TestAccuracy, b.TestAccuracy, 2);
        Assert.True(a.TestAccuracy > 0.97);
    }
}
