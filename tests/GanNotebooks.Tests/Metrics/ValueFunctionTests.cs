using GanNotebooks.Distributions;
using GanNotebooks.Metrics;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Metrics;

public class ValueFunctionTests
{
    [Fact]
    public void A_discriminator_that_always_says_one_half_gives_minus_log_4()
    {
        using var scope = NewDisposeScope();
        var v = ValueFunction.Estimate(x => zeros_like(x), randn(100, 1), randn(50, 1) + 3);
        Assert.Equal(-Math.Log(4), v.Value, 6);   // float32 log σ(0)
        Assert.Equal(0.0, v.StandardError, 12);
    }

    [Fact]
    public void With_the_optimal_discriminator_it_estimates_minus_log_4_plus_twice_JS()
    {
        // p = N(0,1), q = N(1,1): the optimal logit is log p − log q = −x + ½. The Monte-Carlo estimate must match
        // −log 4 + 2·JS (JS by quadrature) within 4 of its own standard errors (false alarm ~6e-5; seed fixed).
        Seeds.Set(5);
        using var scope = NewDisposeScope();
        var v = ValueFunction.Estimate(x => 0.5 - x, randn(200_000, 1), randn(200_000, 1) + 1);
        var js = Divergences.JS(new Gaussian1D(0, 1), new Gaussian1D(1, 1)).Value;
        Assert.True(Math.Abs(v.Value - (-Math.Log(4) + 2 * js)) < 4 * v.StandardError, $"V = {v.Value} ± {v.StandardError}, expected {-Math.Log(4) + 2 * js}");
        Assert.InRange(v.StandardError, 1e-4, 1e-2);

        var est = ValueFunction.JsEstimate(x => 0.5 - x, randn(200_000, 1), randn(200_000, 1) + 1);
        Assert.True(Math.Abs(est.Value - js) < 4 * est.StandardError);
    }

    [Fact]
    public void A_worse_discriminator_scores_lower_than_the_optimal_one()
    {
        Seeds.Set(6);
        using var scope = NewDisposeScope();
        var real = randn(100_000, 1);
        var fake = randn(100_000, 1) + 1;
        var optimal = ValueFunction.Estimate(x => 0.5 - x, real, fake).Value;
        var tooTimid = ValueFunction.Estimate(x => 0.25 - 0.5 * x, real, fake).Value;
        var tooBold = ValueFunction.Estimate(x => 1.5 - 3 * x, real, fake).Value;
        Assert.True(tooTimid < optimal && tooBold < optimal);
    }
}
