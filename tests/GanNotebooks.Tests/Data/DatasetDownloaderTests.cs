using System.Net;
using System.Net.Sockets;
using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

/// <summary>The download path, against an HTTP server on 127.0.0.1 (never the internet).</summary>
public sealed class DatasetDownloaderTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("download-tests").FullName;
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, byte[]> served = new();
    private readonly string baseUrl;
    private int requests;

    public DatasetDownloaderTests()
    {
        var port = FreePort();
        baseUrl = $"http://127.0.0.1:{port}/mnist/";
        listener.Prefixes.Add(baseUrl);
        listener.Start();
        _ = Task.Run(Serve);
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Files_with_the_right_checksum_are_kept_and_load()
    {
        var source = Source(out _);
        var paths = DatasetDownloader.Download(source, Path.Combine(dir, "out"));
        Assert.Equal(4, paths.Count);
        DatasetDownloader.Verify(source, Path.Combine(dir, "out"));
        using var split = MnistData.Load(Path.Combine(dir, "out"));
        Assert.Equal(5, split.Train.Count);
        Assert.Equal(3, split.HeldOut.Count);
    }

    [Fact]
    public void Files_already_present_are_not_downloaded_again()
    {
        var source = Source(out _);
        DatasetDownloader.Download(source, Path.Combine(dir, "out"));
        var before = requests;
        var lines = new List<string>();
        DatasetDownloader.Download(source, Path.Combine(dir, "out"), lines.Add);
        Assert.Equal(before, requests);
        Assert.All(lines, l => Assert.Contains("already present", l));
    }

    [Fact]
    public void A_checksum_mismatch_fails_and_leaves_no_file()
    {
        var source = Source(out var files);
        served[files[1].Name] = served[files[1].Name][..^3];     // the server sends a truncated file
        var e = Assert.Throws<DataFileException>(() => DatasetDownloader.Download(source, Path.Combine(dir, "out")));
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Contains(files[1].Name, e.Message);
        Assert.False(File.Exists(Path.Combine(dir, "out", files[1].Name)));
        Assert.False(File.Exists(Path.Combine(dir, "out", files[1].Name + ".part")));
    }

    [Fact]
    public void A_dead_mirror_is_skipped_for_the_next_one()
    {
        var source = Source(out _);
        source = source with { BaseUrls = new[] { $"http://127.0.0.1:{FreePort()}/nothing/" }.Concat(source.BaseUrls).ToArray() };
        Assert.Equal(4, DatasetDownloader.Download(source, Path.Combine(dir, "out")).Count);
    }

    [Fact]
    public void A_missing_file_on_the_server_is_reported_with_its_url()
    {
        var source = Source(out var files);
        served.Remove(files[2].Name);
        var e = Assert.Throws<DataFileException>(() => DatasetDownloader.Download(source, Path.Combine(dir, "out")));
        Assert.Contains(baseUrl + files[2].Name, e.Message);
    }

    [Fact]
    public void Verify_detects_a_damaged_local_file()
    {
        var source = Source(out var files);
        DatasetDownloader.Download(source, Path.Combine(dir, "out"));
        File.WriteAllBytes(Path.Combine(dir, "out", files[0].Name), new byte[] { 1, 2, 3 });
        var e = Assert.Throws<DataFileException>(() => DatasetDownloader.Verify(source, Path.Combine(dir, "out")));
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public void The_known_datasets_have_four_sha256_checksums_each()
    {
        foreach (var d in DatasetSource.Known)
        {
            Assert.Equal(4, d.Files.Count);
            Assert.All(d.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        }
        Assert.Same(DatasetSource.FashionMnist, DatasetSource.Find("Fashion-MNIST"));
        Assert.Throws<ArgumentException>(() => DatasetSource.Find("cifar"));
    }

    /// <summary>Serves a tiny dataset in the official layout; the checksums are computed here, independently.</summary>
    private DatasetSource Source(out List<DatasetFile> files)
    {
        var staging = Path.Combine(dir, "staging");
        IdxFile.Write(Path.Combine(staging, "train-images-idx3-ubyte.gz"), new IdxArray(new[] { 5, 28, 28 }, new byte[5 * 784]));
        IdxFile.Write(Path.Combine(staging, "train-labels-idx1-ubyte.gz"), new IdxArray(new[] { 5 }, new byte[] { 0, 1, 2, 3, 4 }));
        IdxFile.Write(Path.Combine(staging, "t10k-images-idx3-ubyte.gz"), new IdxArray(new[] { 3, 28, 28 }, new byte[3 * 784]));
        IdxFile.Write(Path.Combine(staging, "t10k-labels-idx1-ubyte.gz"), new IdxArray(new[] { 3 }, new byte[] { 7, 8, 9 }));
        files = new List<DatasetFile>();
        foreach (var path in Directory.GetFiles(staging).OrderBy(p => p))
        {
            var bytes = File.ReadAllBytes(path);
            served[Path.GetFileName(path)] = bytes;
            using var sha = System.Security.Cryptography.SHA256.Create();
            files.Add(new DatasetFile(Path.GetFileName(path), string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2")))));
        }
        return new DatasetSource("test", new[] { baseUrl }, files);
    }

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            Interlocked.Increment(ref requests);
            var name = context.Request.Url!.AbsolutePath.Split('/').Last();
            if (served.TryGetValue(name, out var bytes))
            {
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else context.Response.StatusCode = 404;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
