using GanNotebooks.Data;
using GanNotebooks.Metrics;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Metrics;

/// <summary>Trains the classifier once into a fresh cache folder, shared by the tests of the class.</summary>
public sealed class TrainedClassifierFixture : IDisposable
{
    public TrainedClassifierFixture()
    {
        Cache = Directory.CreateTempSubdirectory("classifier-cache").FullName;
        manual_seed(123);
        ExpectedNextDraws = rand(3).data<float>().ToArray();
        manual_seed(123);
        Trained = DigitClassifier.LoadOrTrain(cacheFolder: Cache, log: Log.Add);
        NextDraws = rand(3).data<float>().ToArray();
    }

    public string Cache { get; }
    public DigitClassifier Trained { get; }
    public List<string> Log { get; } = new();
    public float[] ExpectedNextDraws { get; }
    public float[] NextDraws { get; }

    public void Dispose()
    {
        Trained.Dispose();
        Directory.Delete(Cache, recursive: true);
    }
}

public sealed class DigitClassifierTests(TrainedClassifierFixture fixture, ITestOutputHelper output) : IClassFixture<TrainedClassifierFixture>
{
    [Fact]
    public void Training_reaches_95_percent_on_held_out_digits_and_leaves_the_global_rng_alone()
    {
        fixture.Log.ForEach(output.WriteLine);
        Assert.False(fixture.Trained.LoadedFromCache);
        Assert.True(fixture.Trained.HeldOutAccuracy >= 0.95, $"held-out accuracy {fixture.Trained.HeldOutAccuracy:P2}");
        Assert.Equal(fixture.ExpectedNextDraws, fixture.NextDraws);
        Assert.True(File.Exists(fixture.Trained.WeightsPath));
    }

    [Fact]
    public void The_cache_is_reused_and_a_corrupt_cache_is_rebuilt()
    {
        using (var loaded = DigitClassifier.LoadOrTrain(cacheFolder: fixture.Cache))
        {
            Assert.True(loaded.LoadedFromCache);
            Assert.Equal(fixture.Trained.HeldOutAccuracy, loaded.HeldOutAccuracy);
        }
        var corrupt = Directory.CreateTempSubdirectory("classifier-corrupt").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(corrupt, Path.GetFileName(fixture.Trained.WeightsPath!)), new byte[] { 1, 2, 3 });
            var lines = new List<string>();
            using var rebuilt = DigitClassifier.LoadOrTrain(cacheFolder: corrupt, log: lines.Add);
            Assert.False(rebuilt.LoadedFromCache);
            Assert.Contains(lines, l => l.Contains("could not be read"));
            Assert.Equal(fixture.Trained.HeldOutAccuracy, rebuilt.HeldOutAccuracy);   // same seed: the same CPU result
        }
        finally { Directory.Delete(corrupt, recursive: true); }
    }

    [Fact]
    public void Real_held_out_digits_cover_all_ten_classes_nearly_uniformly()
    {
        using var data = MnistData.LoadShipped();
        var histogram = fixture.Trained.ClassHistogram(data.HeldOut.Images);
        Assert.Equal(10, histogram.DigitsCovered);
        Assert.Equal(data.HeldOut.Count, histogram.Total);
        // The true label histogram's KL to uniform, computed independently, bounds what a good classifier reports.
        var trueKl = DiscreteDivergences.KlToUniform(data.HeldOut.ClassCounts());
        Assert.InRange(histogram.KlToUniform, 0, trueKl + 0.01);
        Assert.True(histogram.MeanConfidence > 0.9);
    }

    [Fact]
    public void A_collapsed_sample_of_one_digit_covers_one_digit_with_KL_near_log_10()
    {
        using var data = MnistData.LoadShipped();
        using var sevens = data.HeldOut.Labels.eq(7).nonzero().squeeze(1);
        var histogram = fixture.Trained.ClassHistogram(data.HeldOut.Images.index_select(0, sevens));
        Assert.Equal(1, histogram.DigitsCovered);
        // Nearly all are called 7; a few misclassified ones keep the KL a little below log 10.
        Assert.InRange(histogram.KlToUniform, Math.Log(10) - 0.2, Math.Log(10));
    }

    [Fact]
    public void The_histogram_counts_every_sample_and_rejects_flat_images()
    {
        manual_seed(0);
        using var noise = rand(500, 1, 28, 28);
        var histogram = fixture.Trained.ClassHistogram(noise);
        Assert.Equal(500, histogram.Total);
        Assert.Throws<ArgumentException>(() => fixture.Trained.ClassHistogram(rand(5, 784)));
    }
}
