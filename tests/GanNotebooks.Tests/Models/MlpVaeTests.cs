using GanNotebooks.Models;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Models;

public class MlpVaeTests
{
    [Fact]
    public void Closed_form_KL_matches_a_Monte_Carlo_estimate()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var mean = tensor(new double[,] { { 0.0, 0.0, 0.0 }, { 1.5, -0.5, 0.2 }, { -2.0, 0.3, 1.0 } });
        var logVar = tensor(new double[,] { { 0.0, 0.0, 0.0 }, { -1.0, 0.5, -2.0 }, { 1.0, -0.3, 0.0 } });
        var closed = MlpVae.KlToStandardNormal(mean, logVar).data<double>().ToArray();

        // E_q[log q(z) − log p(z)] with z = μ + σ ε: log q − log p = Σ ½(z² − ε²) − ½ log σ² (the 2π terms cancel).
        const int n = 400_000;
        var eps = randn(n, 3, 3, dtype: ScalarType.Float64);
        var z = mean + (0.5 * logVar).exp() * eps;
        var perSample = (0.5 * (z.pow(2) - eps.pow(2)) - 0.5 * logVar).sum(2);
        var estimate = perSample.mean(new long[] { 0 }).data<double>().ToArray();
        var standardError = perSample.std(0).data<double>().Select(s => s / Math.Sqrt(n)).ToArray();

        Assert.Equal(0.0, closed[0], 12);   // q = p: no divergence
        for (var i = 0; i < 3; i++)
            Assert.True(Math.Abs(closed[i] - estimate[i]) <= 5 * standardError[i] + 1e-9,
                        $"row {i}: closed form {closed[i]:F5}, Monte Carlo {estimate[i]:F5} ± {standardError[i]:F5}");
    }

    [Fact]
    public void Encoder_and_decoder_have_the_documented_shapes()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var vae = new MlpVae(784, new[] { 32, 16 }, latentDim: 4);
        var (mu, logVar) = vae.Encode(rand(5, 784));
        Assert.Equal(new long[] { 5, 4 }, mu.shape);
        Assert.Equal(new long[] { 5, 4 }, logVar.shape);
        Assert.Equal(new long[] { 5, 784 }, vae.Decode(randn(5, 4)).shape);
        Assert.Equal(vae.ParameterCount(), vae.EncoderParameterCount + vae.DecoderParameterCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpVae(784, new[] { 8 }, latentDim: 0));
    }
}
