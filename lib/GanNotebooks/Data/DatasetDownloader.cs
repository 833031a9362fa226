namespace GanNotebooks.Data;

/// <summary>One file of a downloadable dataset and its published SHA-256.</summary>
/// <param name="Name">File name, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Sha256">Expected SHA-256 in lower-case hex.</param>
public sealed record DatasetFile(string Name, string Sha256);

/// <summary>A dataset that can be downloaded: mirrors tried in order and the files with their checksums.</summary>
/// <param name="Name">The name the command line uses (<c>mnist</c>, <c>fashion-mnist</c>).</param>
/// <param name="BaseUrls">Folder URLs ending with '/', tried in order until one serves a file with the right checksum.</param>
/// <param name="Files">The files and their SHA-256.</param>
public sealed record DatasetSource(string Name, IReadOnlyList<string> BaseUrls, IReadOnlyList<DatasetFile> Files)
{
    /// <summary>
    /// MNIST (LeCun, Cortes and Burges), the four official IDX.gz files. The SHA-256 values are the ones
    /// published with several independent loaders (TensorFlow's and PyTorch's mirrors serve identical files).
    /// </summary>
    public static DatasetSource Mnist { get; } = new("mnist",
        new[] { "https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/" },
        new[]
        {
            new DatasetFile("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new DatasetFile("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new DatasetFile("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new DatasetFile("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        });

    /// <summary>Fashion-MNIST (Xiao, Rasul and Vollgraf, Zalando Research, MIT license), the four IDX.gz files.</summary>
    public static DatasetSource FashionMnist { get; } = new("fashion-mnist",
        new[] { "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/" },
        new[]
        {
            new DatasetFile("train-images-idx3-ubyte.gz", "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"),
            new DatasetFile("train-labels-idx1-ubyte.gz", "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"),
            new DatasetFile("t10k-images-idx3-ubyte.gz", "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"),
            new DatasetFile("t10k-labels-idx1-ubyte.gz", "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf"),
        });

    /// <summary>The known datasets by command-line name.</summary>
    public static IReadOnlyList<DatasetSource> Known { get; } = new[] { Mnist, FashionMnist };

    /// <summary>The known dataset called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static DatasetSource Find(string name) =>
        Known.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown dataset '{name}'; known: {string.Join(", ", Known.Select(d => d.Name))}.", nameof(name));
}

/// <summary>
/// Downloads a dataset's files into a folder and checks each against its SHA-256 before keeping it, so a
/// truncated or tampered download never reaches the loader. Files already present with the right checksum
/// are not downloaded again.
/// </summary>
public static class DatasetDownloader
{
    /// <summary>Downloads (or verifies) every file of <paramref name="source"/> into <paramref name="folder"/>.</summary>
    /// <param name="source">What to download (e.g. <see cref="DatasetSource.Mnist"/>).</param>
    /// <param name="folder">Destination; created when missing.</param>
    /// <param name="log">Receives one line per file (null: silent).</param>
    /// <param name="client">The HTTP client to use (null: a new one with a 10-minute timeout).</param>
    /// <returns>The paths of the verified files.</returns>
    /// <exception cref="DataFileException">No mirror served a file with the expected checksum; the message lists what each mirror did.</exception>
    public static IReadOnlyList<string> Download(DatasetSource source, string folder, Action<string>? log = null, HttpClient? client = null)
    {
        Directory.CreateDirectory(folder);
        var ownClient = client is null;
        client ??= new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        try
        {
            var paths = new List<string>();
            foreach (var file in source.Files)
            {
                var target = Path.Combine(folder, file.Name);
                if (File.Exists(target) && MnistData.Sha256(File.ReadAllBytes(target)) == file.Sha256)
                {
                    log?.Invoke($"{file.Name}: already present, checksum OK");
                    paths.Add(target);
                    continue;
                }
                var problems = new List<string>();
                var done = false;
                foreach (var baseUrl in source.BaseUrls)
                {
                    var url = baseUrl.TrimEnd('/') + "/" + file.Name;
                    try
                    {
                        var bytes = client.GetByteArrayAsync(url).GetAwaiter().GetResult();
                        var actual = MnistData.Sha256(bytes);
                        if (actual != file.Sha256)
                        {
                            problems.Add($"{url}: checksum mismatch (got {actual}, {bytes.Length:N0} bytes)");
                            continue;
                        }
                        var temporary = target + ".part";
                        File.WriteAllBytes(temporary, bytes);
                        File.Move(temporary, target, overwrite: true);
                        log?.Invoke($"{file.Name}: {bytes.Length:N0} bytes from {url}, checksum OK");
                        done = true;
                        break;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        problems.Add($"{url}: {e.Message}");
                    }
                }
                if (!done)
                    throw new DataFileException($"Could not download {file.Name} of {source.Name} with SHA-256 {file.Sha256}:\n  " +
                        string.Join("\n  ", problems) + $"\nCheck your internet connection, or download the files by hand into {Path.GetFullPath(folder)}.");
                paths.Add(target);
            }
            return paths;
        }
        finally
        {
            if (ownClient) client.Dispose();
        }
    }

    /// <summary>Checks files already in <paramref name="folder"/> against <paramref name="source"/>'s checksums.</summary>
    /// <exception cref="DataFileException">A file is missing or has the wrong checksum.</exception>
    public static void Verify(DatasetSource source, string folder)
    {
        foreach (var file in source.Files)
        {
            var path = Path.Combine(folder, file.Name);
            if (!File.Exists(path))
                throw new DataFileException($"{Path.GetFullPath(path)} is missing. Run `gan-notebooks data download {source.Name}`.");
            var actual = MnistData.Sha256(File.ReadAllBytes(path));
            if (actual != file.Sha256)
                throw new DataFileException($"{Path.GetFullPath(path)} is damaged: SHA-256 {actual}, expected {file.Sha256}. Delete it and run `gan-notebooks data download {source.Name}`.");
        }
    }
}
