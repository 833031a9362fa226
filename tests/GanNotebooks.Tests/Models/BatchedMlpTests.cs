using GanNotebooks.Models;
using GanNotebooks.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Models;

public class BatchedMlpTests
{
    [Fact]
    public void Each_model_computes_what_a_separate_stack_of_linear_layers_with_its_weights_computes()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var batched = new BatchedMlp(3, 2, new[] { 5, 4 }, 1, Activation.LeakyReLU);
        var input = randn(3, 10, 2);
        var output = batched.forward(input);
        Assert.Equal(new long[] { 3, 10, 1 }, output.shape);
        for (var k = 0; k < 3; k++)
        {
            // The same network written with nn.Linear, its weights copied from model k.
            var layers = new[] { nn.Linear(2, 5), nn.Linear(5, 4), nn.Linear(4, 1) };
            using (no_grad())
                for (var l = 0; l < 3; l++)
                {
                    layers[l].weight!.copy_(batched.Weight(l)[k]);
                    layers[l].bias!.copy_(batched.Bias(l)[k].squeeze(0));
                }
            var h = input[k];
            h = nn.functional.leaky_relu(layers[0].forward(h), 0.2);
            h = nn.functional.leaky_relu(layers[1].forward(h), 0.2);
            h = layers[2].forward(h);
            Assert.True((h - output[k]).abs().max().item<float>() < 1e-6, $"model {k} differs from its nn.Linear copy");
        }
    }

    [Fact]
    public void The_output_activation_is_applied_after_the_last_layer_only()
    {
        // A generator of images ends with tanh; the hidden layers keep their own activation (here ELU).
        Seeds.Set(5);
        using var scope = NewDisposeScope();
        var batched = new BatchedMlp(2, 3, new[] { 6 }, 4, Activation.ELU, outputActivation: Activation.Tanh);
        using (no_grad())
            foreach (var p in batched.parameters()) p.mul_(5);   // large weights, so that tanh visibly saturates
        var input = randn(2, 7, 3);
        var output = batched.forward(input);
        for (var k = 0; k < 2; k++)
        {
            var a = matmul(input[k], batched.Weight(0)[k].t()) + batched.Bias(0)[k];
            var h = where(a > 0, a, a.exp() - 1);   // ELU written out
            var expected = tanh(matmul(h, batched.Weight(1)[k].t()) + batched.Bias(1)[k]);
            Assert.True((expected - output[k]).abs().max().item<float>() < 1e-5, $"model {k} differs from ELU → Linear → tanh");
        }
        Assert.True(output.abs().max().item<float>() <= 1f, "tanh output must lie in [−1, 1] (float32 rounds a saturated tanh to ±1)");
        Assert.True(output.abs().max().item<float>() > 0.99f, "with large weights some outputs should saturate near ±1");
    }

    [Fact]
    public void A_models_loss_moves_only_that_models_parameters()
    {
        Seeds.Set(1);
        using var scope = NewDisposeScope();
        var batched = new BatchedMlp(3, 2, new[] { 8 }, 1);
        batched.forward(randn(3, 6, 2))[1].pow(2).sum().backward();
        foreach (var p in batched.parameters())
        {
            Assert.Equal(0f, p.grad![0].abs().max().item<float>());
            Assert.Equal(0f, p.grad![2].abs().max().item<float>());
            Assert.True(p.grad![1].abs().max().item<float>() > 0);
        }
        Assert.Equal(3 * (2 * 8 + 8 + 8 * 1 + 1), batched.parameters().Sum(p => (int)p.numel()));
    }

    [Fact]
    public void Spectrally_normalised_models_become_one_lipschitz_and_the_others_are_untouched()
    {
        Seeds.Set(2);
        using var scope = NewDisposeScope();
        var batched = new BatchedMlp(2, 2, new[] { 32, 32 }, 1, spectralNorm: new[] { true, false });
        using (no_grad())
            foreach (var p in batched.parameters()) p.mul_(4);   // make the raw weights far from 1-Lipschitz
        using (no_grad())
            for (var i = 0; i < 60; i++) batched.forward(randn(2, 4, 2));   // one power-iteration round per pass
        for (var l = 0; l < batched.Layers; l++)
        {
            var exact = SpectralNorm.LargestSingularValue(batched.EffectiveWeight(l).to_type(float64)).data<double>().ToArray();
            Assert.Equal(1.0, exact[0], 3);   // W / σ̂(W) has largest singular value 1
            Assert.Equal(SpectralNorm.LargestSingularValue(batched.Weight(l)).data<float>()[1], (float)exact[1], 4);
            Assert.True(exact[1] > 1.5, $"the plain model's layer {l} should keep its large weights");
        }
        // The whole normalised network is then 1-Lipschitz: its input gradient never exceeds 1.
        var x = (randn(2, 500, 2) * 3).requires_grad_(true);
        var grad = autograd.grad(new[] { batched.forward(x).sum() }, new[] { x })[0];
        var norms = grad.pow(2).sum(2).sqrt();
        Assert.True(norms[0].max().item<float>() <= 1.0f + 1e-3f, $"max ‖∇f‖ of the normalised model {norms[0].max().item<float>()}");
        Assert.True(norms[1].max().item<float>() > 1.0f, "the plain model should not be 1-Lipschitz here");
    }

    [Fact]
    public void Several_training_mode_passes_can_share_one_backward()
    {
        // Each training-mode pass updates the power-iteration vectors in place. A loss built from two passes (real and
        // fake batches, as in a GAN's discriminator step) must still differentiate: if the graph held the vectors
        // themselves instead of copies, backward would fail ("modified by an inplace operation").
        Seeds.Set(4);
        using var scope = NewDisposeScope();
        var batched = new BatchedMlp(2, 2, new[] { 8 }, 1, spectralNorm: new[] { true, false });
        var (a, b) = (randn(2, 5, 2), randn(2, 5, 2));
        var loss = batched.forward(a).sum() + batched.forward(b).pow(2).sum();
        loss.backward();
        var grad = batched.Weight(0).grad!.clone();
        Assert.True(grad.abs().sum().item<float>() > 0);
        Assert.True(float.IsFinite(grad.sum().item<float>()));
    }

    [Fact]
    public void Power_iteration_runs_only_in_training_mode_and_bad_input_is_refused()
    {
        Seeds.Set(3);
        using var scope = NewDisposeScope();
        var batched = new BatchedMlp(2, 3, new[] { 4 }, 2, spectralNorm: new[] { true, true });
        var before = batched.SpectralEstimate(0).clone();
        batched.eval();
        using (no_grad()) batched.forward(randn(2, 5, 3));
        Assert.Equal(before.data<float>().ToArray(), batched.SpectralEstimate(0).data<float>().ToArray());
        batched.train();
        using (no_grad()) batched.forward(randn(2, 5, 3));
        Assert.NotEqual(before.data<float>().ToArray(), batched.SpectralEstimate(0).data<float>().ToArray());
        Assert.Throws<ArgumentException>(() => batched.forward(randn(3, 5, 3)));
        Assert.Throws<ArgumentException>(() => new BatchedMlp(2, 3, new[] { 4 }, 2, spectralNorm: new[] { true }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedMlp(2, 3, new[] { 4 }, 2, (Activation)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedMlp(0, 3, new[] { 4 }, 2));
    }
}
