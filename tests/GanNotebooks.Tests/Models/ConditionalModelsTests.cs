using GanNotebooks.Models;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Models;

public class ConditionalModelsTests
{
    [Fact]
    public void One_hot_code_has_a_single_one_at_the_label()
    {
        using var scope = NewDisposeScope();
        var code = new LabelCode(5, LabelEncoding.OneHot);
        var rows = code.forward(tensor(new long[] { 0, 3, 4 })).data<float>().ToArray();
        Assert.Equal(new float[] { 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 }, rows);
    }

    [Fact]
    public void Embedding_code_is_one_trainable_row_per_class()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var code = new LabelCode(4, LabelEncoding.Embedding, embeddingDim: 3);
        Assert.Equal(3, code.Width);
        var a = code.forward(tensor(new long[] { 2, 2, 1 }));
        Assert.Equal(a[0].data<float>().ToArray(), a[1].data<float>().ToArray());
        Assert.NotEqual(a[0].data<float>().ToArray(), a[2].data<float>().ToArray());
        Assert.Equal(12, code.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Generator_output_depends_on_the_label_and_on_the_noise()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var g = new ConditionalGenerator(noiseDim: 4, classes: 3, hidden: new[] { 16 }, outFeatures: 5, outputActivation: Activation.Tanh);
        var z = randn(1, 4).repeat(2, 1);
        var sameZ = g.forward(z, tensor(new long[] { 0, 1 }));
        Assert.Equal(new long[] { 2, 5 }, sameZ.shape);
        Assert.True((sameZ[0] - sameZ[1]).abs().max().item<float>() > 1e-4);
        var sameC = g.forward(randn(2, 4), tensor(new long[] { 2, 2 }));
        Assert.True((sameC[0] - sameC[1]).abs().max().item<float>() > 1e-4);
        Assert.True(sameZ.abs().max().item<float>() <= 1);
        Assert.Throws<ArgumentException>(() => g.forward(randn(2, 3), tensor(new long[] { 0, 1 })));
    }

    [Fact]
    public void Ignoring_discriminator_gives_the_same_logit_for_every_label()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var d = new ConditionalDiscriminator(3, 4, new[] { 8, 8 }, ConditionInput.Ignored);
        var x = randn(1, 3).repeat(4, 1);
        var logits = d.forward(x, arange(4, dtype: ScalarType.Int64)).data<float>().ToArray();
        Assert.All(logits, l => Assert.Equal(logits[0], l));
    }

    [Fact]
    public void Concatenating_discriminator_reads_the_label()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var d = new ConditionalDiscriminator(3, 4, new[] { 8 }, ConditionInput.Concatenated);
        var x = randn(1, 3).repeat(4, 1);
        var logits = d.forward(x, arange(4, dtype: ScalarType.Int64)).data<float>().ToArray();
        Assert.True(logits.Max() - logits.Min() > 1e-4);
    }

    [Fact]
    public void Projection_discriminator_adds_the_inner_product_of_class_embedding_and_features()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var d = new ConditionalDiscriminator(3, 4, new[] { 6, 5 }, ConditionInput.Projection, activation: Activation.ReLU);
        var x = randn(7, 3);
        var labels = tensor(new long[] { 0, 1, 2, 3, 0, 1, 2 });
        // Independent computation from the named parameters: φ(x) = relu(W₂ relu(W₁x + b₁) + b₂),
        // D = w·φ + b + e[c]·φ.
        var p = d.named_parameters().ToDictionary(t => t.name, t => (Tensor)t.parameter);
        var h = nn.functional.relu(x.matmul(p["features.layers.linear0.weight"].t()) + p["features.layers.linear0.bias"]);
        var phi = nn.functional.relu(h.matmul(p["features.layers.out.weight"].t()) + p["features.layers.out.bias"]);
        var expected = phi.matmul(p["head.weight"].t()) + p["head.bias"]
                     + (p["projection.weight"].index_select(0, labels) * phi).sum(1, keepdim: true);
        var actual = d.forward(x, labels);
        Assert.True((actual - expected).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void Bad_arguments_fail_with_the_parameter_name()
    {
        Assert.Equal("hidden", Assert.Throws<ArgumentException>(() => new ConditionalDiscriminator(2, 3, Array.Empty<int>())).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => new LabelCode(1, LabelEncoding.OneHot)).ParamName);
        Assert.Equal("noiseDim", Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionalGenerator(0, 3, new[] { 4 }, 2)).ParamName);
        using var scope = NewDisposeScope();
        var code = new LabelCode(3, LabelEncoding.OneHot);
        Assert.Throws<ArgumentException>(() => code.forward(tensor(new[] { 1f })));
    }
}
