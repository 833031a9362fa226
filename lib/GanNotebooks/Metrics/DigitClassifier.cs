using TorchSharp;
using GanNotebooks.Data;
using GanNotebooks.Models;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>How a set of generated digits spreads over the 10 classes, as judged by <see cref="DigitClassifier"/>.</summary>
/// <param name="Counts">Samples classified as each digit 0..9.</param>
/// <param name="DigitsCovered">Digits that received at least <c>minFraction</c> of the samples (10 = every digit).</param>
/// <param name="KlToUniform">KL(histogram ‖ uniform over 10 digits) in nats: 0 when balanced, log 10 ≈ 2.303 when one digit takes all
/// (see <see cref="DiscreteDivergences.KlToUniform"/>).</param>
/// <param name="MeanConfidence">Mean of the classifier's largest softmax probability: low when the samples look like no digit.</param>
public sealed record DigitHistogram(int[] Counts, int DigitsCovered, double KlToUniform, double MeanConfidence)
{
    /// <summary>Number of samples classified.</summary>
    public int Total => Counts.Sum();

    /// <summary>The share of each digit (sums to 1).</summary>
    public double[] Fractions => Counts.Select(c => Total == 0 ? 0.0 : (double)c / Total).ToArray();
}

/// <summary>
/// A small MNIST classifier used as a measuring instrument: it labels generated digits so that mode collapse
/// becomes a number (the class histogram, the digits covered, the KL to uniform), in the spirit of the
/// Stacked-MNIST measure of VEEGAN and PacGAN.
/// </summary>
/// <remarks>
/// <see cref="LoadOrTrain"/> trains it once on the 8,000 training digits of the shipped set (a few seconds to
/// half a minute on a CPU), reports its accuracy on the 2,000 held-out digits, and caches the weights in
/// <c>data/cache/</c> (or, outside the repository, in the user's local application-data folder). A missing or
/// unreadable cache is rebuilt. Its images are [N, 1, 28, 28] with values in [0, 1] (0 = background), the
/// convention of <see cref="MnistData"/>; convert a tanh generator's output with <c>(x + 1) / 2</c> first.
/// </remarks>
public sealed class DigitClassifier : IDisposable
{
    /// <summary>Bumped whenever the network or its training changes, so that old caches are not reused.</summary>
    public const int Version = 1;

    private readonly DigitClassifierNet net;
    private readonly Device device;

    private DigitClassifier(DigitClassifierNet net, Device device, double heldOutAccuracy, bool fromCache, string? weightsPath)
    {
        this.net = net;
        this.device = device;
        HeldOutAccuracy = heldOutAccuracy;
        LoadedFromCache = fromCache;
        WeightsPath = weightsPath;
    }

    /// <summary>Accuracy on the held-out digits (measured every time the classifier is loaded or trained).</summary>
    public double HeldOutAccuracy { get; }

    /// <summary>True when the weights came from the cache rather than from training now.</summary>
    public bool LoadedFromCache { get; }

    /// <summary>The cached weights file (null when not cached).</summary>
    public string? WeightsPath { get; }

    /// <summary>
    /// Loads the cached classifier, or trains and caches it when the cache is missing or unreadable. The held-out
    /// accuracy is measured on the shipped set's 2,000 held-out digits either way. TorchSharp's global random
    /// state is restored afterwards, so calling this does not change the random numbers a notebook draws next.
    /// </summary>
    /// <param name="device">Where the classifier runs (CPU when null).</param>
    /// <param name="cacheFolder">Where the weights are cached (null: see the class remarks).</param>
    /// <param name="log">Receives progress lines (null: silent).</param>
    public static DigitClassifier LoadOrTrain(Device? device = null, string? cacheFolder = null, Action<string>? log = null)
    {
        device ??= CPU;
        using var data = MnistData.LoadShipped();
        cacheFolder ??= DefaultCacheFolder();
        var path = Path.Combine(cacheFolder, $"digit-classifier-v{Version}-{MnistData.ShippedImagesIdxSha256[..12]}.bin");
        var rngState = random.get_rng_state();
        try
        {
            if (File.Exists(path))
            {
                try
                {
                    var cached = new DigitClassifierNet();
                    cached.load(path);
                    cached.to(device).eval();
                    var accuracy = Accuracy(cached, data.HeldOut, device);
                    log?.Invoke($"Digit classifier loaded from {GanNotebooks.Data.DisplayPaths.Relative(path)}; held-out accuracy {accuracy:P2}");
                    return new DigitClassifier(cached, device, accuracy, true, path);
                }
                catch (Exception e)
                {
                    log?.Invoke($"The cached classifier {path} could not be read ({e.Message}); training it again.");
                }
            }
            var trained = Train(data, device, log: log);
            Directory.CreateDirectory(cacheFolder);
            var temporary = path + $".{Environment.ProcessId}.part";
            trained.net.cpu().save(temporary);
            trained.net.to(device);
            File.Move(temporary, path, overwrite: true);
            log?.Invoke($"Digit classifier cached in {GanNotebooks.Data.DisplayPaths.Relative(path)}");
            return new DigitClassifier(trained.net, device, trained.HeldOutAccuracy, false, path);
        }
        finally
        {
            random.set_rng_state(rngState);
            rngState.Dispose();
        }
    }

    /// <summary>Trains a classifier on <paramref name="data"/>.Train (Adam, cross-entropy, random ±2-pixel shifts)
    /// and measures it on <paramref name="data"/>.HeldOut. Seeds TorchSharp's global generator with <paramref name="seed"/>.</summary>
    public static DigitClassifier Train(DatasetSplit data, Device? device = null, int epochs = 6, int batchSize = 64, int seed = 0, Action<string>? log = null)
    {
        Require.AtLeast(epochs, 1);
        Require.AtLeast(batchSize, 1);
        device ??= CPU;
        manual_seed(seed);
        var net = new DigitClassifierNet().to(device);
        var optimizer = optim.Adam(net.parameters(), 1e-3);
        var train = data.Train.To(device);
        var steps = train.Count / batchSize;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            net.train();
            using (var order = randperm(train.Count, device: device))
                for (var s = 0; s < steps; s++)
                {
                    using var scope = NewDisposeScope();
                    var (images, labels) = train.Batch(order.narrow(0, s * batchSize, batchSize));
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(net.forward(Shift(images)), labels);
                    loss.backward();
                    optimizer.step();
                }
            // No times in the log: a notebook that trains the classifier prints these lines into its saved outputs.
            log?.Invoke($"classifier epoch {epoch}/{epochs}: held-out accuracy {Accuracy(net, data.HeldOut, device):P2}");
        }
        train.Dispose();
        net.eval();
        return new DigitClassifier(net, device, Accuracy(net, data.HeldOut, device), false, null);
    }

    /// <summary>The most likely digit of each image ([N, 1, 28, 28] in [0, 1], any device).</summary>
    public long[] Predict(Tensor images)
    {
        using var scope = NewDisposeScope();
        return Probabilities(images).argmax(1).cpu().data<long>().ToArray();
    }

    /// <summary>The class probabilities [N, 10] of each image, on the classifier's device.</summary>
    public Tensor Probabilities(Tensor images)
    {
        CheckImages(images);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var chunks = new List<Tensor>();
        for (long i = 0; i < images.shape[0]; i += 1000)
            chunks.Add(nn.functional.softmax(net.forward(images.narrow(0, i, Math.Min(1000, images.shape[0] - i)).to(device)), 1));
        return cat(chunks, 0).MoveToOuterDisposeScope();
    }

    /// <summary>Fraction of <paramref name="data"/>'s images classified as their label.</summary>
    public double Accuracy(ImageDataset data) => Accuracy(net, data, device);

    /// <summary>
    /// Classifies generated digits and summarises how they spread over the classes (see <see cref="DigitHistogram"/>).
    /// </summary>
    /// <param name="images">Generated images [N, 1, 28, 28] with values in [0, 1].</param>
    /// <param name="minFraction">Share of the samples a digit needs to count as covered. The default 1% (a tenth of a
    /// fair share) keeps a few misclassified samples from counting as a covered digit.</param>
    public DigitHistogram ClassHistogram(Tensor images, double minFraction = 0.01)
    {
        if (!(minFraction >= 0 && minFraction < 1)) throw new ArgumentOutOfRangeException(nameof(minFraction), minFraction, "minFraction must be in [0, 1).");
        using var scope = NewDisposeScope();
        var probabilities = Probabilities(images);
        var predicted = probabilities.argmax(1).cpu().data<long>().ToArray();
        var confidence = probabilities.max(1).values.mean().item<float>();
        var counts = new int[10];
        foreach (var p in predicted) counts[p]++;
        return new DigitHistogram(counts, counts.Count(c => c > 0 && c >= minFraction * predicted.Length), DiscreteDivergences.KlToUniform(counts), confidence);
    }

    /// <inheritdoc />
    public void Dispose() => net.Dispose();

    private static double Accuracy(DigitClassifierNet net, ImageDataset data, Device device)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var wasTraining = net.training;
        net.eval();
        long correct = 0;
        for (long i = 0; i < data.Count; i += 1000)
        {
            var n = Math.Min(1000, data.Count - i);
            var predicted = net.forward(data.Images.narrow(0, i, n).to(device)).argmax(1);
            correct += predicted.eq(data.Labels.narrow(0, i, n).to(device)).sum().item<long>();
        }
        if (wasTraining) net.train();
        return (double)correct / data.Count;
    }

    /// <summary>Shifts each batch by up to 2 pixels in each direction: a cheap augmentation that helps a model
    /// trained on only 8,000 digits generalise (and tolerate the imprecise centring of generated digits).</summary>
    private static Tensor Shift(Tensor images)
    {
        var dx = (int)randint(-2, 3, new long[] { 1 }).item<long>();
        var dy = (int)randint(-2, 3, new long[] { 1 }).item<long>();
        return roll(images, new long[] { dy, dx }, new long[] { 2, 3 });
    }

    private static void CheckImages(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != 28 || images.shape[3] != 28)
            throw new ArgumentException($"images must have shape [N, 1, 28, 28]; got [{string.Join(",", images.shape)}].", nameof(images));
    }

    private static string DefaultCacheFolder()
    {
        try
        {
            var shipped = MnistData.FindShippedFolder();
            return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(shipped))!, "cache");
        }
        catch (DataFileException)
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gan-notebooks", "cache");
        }
    }
}
