using GanNotebooks.Data;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Data;

public sealed class MnistDataTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("mnist-tests").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void The_shipped_set_loads_with_the_fixed_split_and_pixel_range()
    {
        using var split = MnistData.LoadShipped();
        Assert.Equal(MnistData.ShippedCount - MnistData.ShippedHeldOutCount, split.Train.Count);
        Assert.Equal(MnistData.ShippedHeldOutCount, split.HeldOut.Count);
        Assert.Equal(new long[] { split.Train.Count, 1, 28, 28 }, split.Train.Images.shape);
        Assert.Equal(ScalarType.Float32, split.Train.Images.dtype);
        Assert.Equal(ScalarType.Int64, split.Train.Labels.dtype);
        Assert.Equal(0f, split.Train.Images.min().item<float>());
        Assert.Equal(1f, split.Train.Images.max().item<float>());
        // Every class is present in the held-out part (the set was shuffled before the split);
        // its smallest class (5, 863 digits in all) should have about 863 × 0.2 ≈ 173 there.
        Assert.All(split.HeldOut.ClassCounts(), c => Assert.InRange(c, 100, 350));
        Assert.Equal(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 },
            split.Train.ClassCounts().Zip(split.HeldOut.ClassCounts(), (a, b) => a + b));
    }

    [Fact]
    public void The_shipped_pixels_are_the_package_bytes_over_255()
    {
        using var split = MnistData.LoadShipped();
        var raw = IdxFile.Read(Path.Combine(MnistData.FindShippedFolder(), "images-idx3-ubyte.gz"));
        var first = split.Train.Images[0].flatten().data<float>().ToArray();
        Assert.Equal(raw.Data.Take(784).Select(b => b / 255f), first);
    }

    [Fact]
    public void The_official_layout_loads_train_and_test()
    {
        WritePair("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 6);
        WritePair("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", 4);
        using var split = MnistData.Load(dir);
        Assert.Equal(6, split.Train.Count);
        Assert.Equal(4, split.HeldOut.Count);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, split.HeldOut.Labels.data<long>().ToArray());
        Assert.Equal(1f, split.Train.Images[1].max().item<float>(), 6);
    }

    [Fact]
    public void A_missing_labels_file_names_it()
    {
        WritePair("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", 6);
        var e = Assert.Throws<DataFileException>(() => MnistData.Load(dir));
        Assert.Contains("t10k-images-idx3-ubyte", e.Message);
    }

    [Fact]
    public void Mismatched_counts_are_reported()
    {
        IdxFile.Write(Path.Combine(dir, "images-idx3-ubyte.gz"), new IdxArray(new[] { 3, 28, 28 }, new byte[3 * 784]));
        IdxFile.Write(Path.Combine(dir, "labels-idx1-ubyte.gz"), new IdxArray(new[] { 2 }, new byte[2]));
        var e = Assert.Throws<DataFileException>(() => MnistData.Load(dir));
        Assert.Contains("3 images", e.Message);
    }

    [Fact]
    public void An_empty_folder_explains_both_layouts()
    {
        var e = Assert.Throws<DataFileException>(() => MnistData.Load(dir));
        Assert.Contains("official layout", e.Message);
    }

    private void WritePair(string images, string labels, int n)
    {
        var pixels = new byte[n * 784];
        for (var i = 0; i < n; i++) pixels[i * 784 + 400] = (byte)(255 * (i % 2));
        IdxFile.Write(Path.Combine(dir, images), new IdxArray(new[] { n, 28, 28 }, pixels));
        IdxFile.Write(Path.Combine(dir, labels), new IdxArray(new[] { n }, Enumerable.Range(0, n).Select(i => (byte)i).ToArray()));
    }
}
