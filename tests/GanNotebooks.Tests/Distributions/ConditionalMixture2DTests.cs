using GanNotebooks.Distributions;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Distributions;

public class ConditionalMixture2DTests
{
    [Fact]
    public void A_run_with_its_own_generator_draws_the_same_pairs_and_leaves_the_global_stream_alone()
    {
        var toy = new ConditionalMixture2D(GaussianMixture2D.Ring());
        (Tensor Points, Tensor Labels) Draw(ulong seed)
        {
            using var random = new Generator(seed);
            return toy.Sample(64, CPU, random);
        }
        Seeds.Set(1);
        var expected = randn(5).data<float>().ToArray();
        Seeds.Set(1);
        var first = Draw(7);
        var next = randn(5).data<float>().ToArray();   // the global stream was not used by Draw
        var again = Draw(7);
        var other = Draw(8);
        Assert.Equal(expected, next);
        Assert.Equal(first.Labels.data<long>().ToArray(), again.Labels.data<long>().ToArray());
        Assert.Equal(first.Points.data<float>().ToArray(), again.Points.data<float>().ToArray());
        Assert.NotEqual(first.Points.data<float>().ToArray(), other.Points.data<float>().ToArray());
    }

    [Fact]
    public void Samples_of_the_data_agree_with_their_class_at_the_3_sigma_rate()
    {
        Seeds.Set(0);
        using var scope = NewDisposeScope();
        var toy = new ConditionalMixture2D(GaussianMixture2D.Ring(modes: 8, radius: 2, std: 0.05));
        var (points, labels) = toy.Sample(40000);
        var agreement = toy.AgreementPerClass(points, labels);
        // P(|x − μ| < 3σ) for an isotropic 2-D Gaussian is 1 − exp(−9/2) = 0.98889 (Rayleigh). Each class has
        // about 5,000 samples: standard error sqrt(p(1−p)/5000) ≈ 0.0015; allow 4 of them.
        Assert.All(agreement, a => Assert.InRange(a, 0.98889 - 0.006, 0.98889 + 0.006));
        // Classes are uniform: each holds 1/8 of the samples within 4 binomial standard errors (≈ 0.0017 each).
        var counts = labels.bincount(null, 8).data<long>().ToArray();
        Assert.All(counts, c => Assert.InRange(c / 40000.0, 0.125 - 0.007, 0.125 + 0.007));
    }

    [Fact]
    public void Points_drawn_for_a_requested_class_sit_on_its_centre()
    {
        Seeds.Set(1);
        using var scope = NewDisposeScope();
        var toy = new ConditionalMixture2D(GaussianMixture2D.Ring(modes: 4, radius: 2, std: 0.05));
        var labels = full(10000, 3, dtype: ScalarType.Int64);
        var mean = toy.SampleGiven(labels).mean(new long[] { 0 }).data<float>().ToArray();
        var centre = toy.Mixture.Centres[3];   // angle 3π/2: (0, −2)
        // The mean of 10,000 draws with σ = 0.05 has standard error 0.0005 per coordinate.
        Assert.Equal(centre.X, mean[0], 0.003);
        Assert.Equal(centre.Y, mean[1], 0.003);
    }

    [Fact]
    public void A_generator_that_ignores_the_class_scores_one_over_the_number_of_modes()
    {
        Seeds.Set(2);
        using var scope = NewDisposeScope();
        var toy = new ConditionalMixture2D(GaussianMixture2D.Ring(modes: 8, radius: 2, std: 0.05));
        var (points, _) = toy.Sample(40000);                    // perfect marginal...
        var requested = randint(0, 8, new long[] { 40000 }, dtype: ScalarType.Int64);   // ...unrelated to the request
        var mean = toy.AgreementPerClass(points, requested).Average();
        // Expected 0.98889 / 8 = 0.1236; standard error of the mean over 40,000 samples ≈ 0.0016.
        Assert.InRange(mean, 0.1236 - 0.008, 0.1236 + 0.008);
    }

    [Fact]
    public void Exact_centres_agree_and_points_at_the_wrong_centre_do_not()
    {
        using var scope = NewDisposeScope();
        var toy = new ConditionalMixture2D(GaussianMixture2D.Ring(modes: 4, radius: 2, std: 0.05));
        var points = tensor(new float[] { 2, 0, 0, 2, 2, 0 }).reshape(3, 2);   // centres of classes 0, 1, 0
        var agreement = toy.AgreementPerClass(points, tensor(new long[] { 0, 1, 1 }));
        Assert.Equal(1.0, agreement[0]);
        Assert.Equal(0.5, agreement[1]);
        Assert.True(double.IsNaN(agreement[2]));
    }
}
