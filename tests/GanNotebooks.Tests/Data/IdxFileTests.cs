using System.IO.Compression;
using GanNotebooks.Data;

namespace GanNotebooks.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("idx-tests").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static IdxArray Sample() => new(new[] { 3, 2, 4 }, Enumerable.Range(0, 24).Select(i => (byte)(i * 10)).ToArray());

    [Theory]
    [InlineData("a.idx")]
    [InlineData("a.idx.gz")]
    public void Write_then_read_gives_the_same_array(string name)
    {
        var path = Path.Combine(dir, name);
        IdxFile.Write(path, Sample());
        var back = IdxFile.Read(path);
        Assert.Equal(new[] { 3, 2, 4 }, back.Shape);
        Assert.Equal(Sample().Data, back.Data);
    }

    [Fact]
    public void The_header_is_the_standard_big_endian_one()
    {
        // Written by hand from the format's definition: 0x00 0x00, type 0x08, 3 dims, then 3, 2, 4 big-endian.
        var path = Path.Combine(dir, "a.idx");
        IdxFile.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4 }, bytes[..16]);
        Assert.Equal(16 + 24, bytes.Length);
    }

    [Fact]
    public void Gzip_is_detected_from_the_content_not_the_name()
    {
        var plain = Path.Combine(dir, "plain.idx");
        IdxFile.Write(plain, Sample());
        var misnamed = Path.Combine(dir, "compressed-but-named.idx");
        using (var output = File.Create(misnamed))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(File.ReadAllBytes(plain));
        Assert.Equal(Sample().Data, IdxFile.Read(misnamed).Data);
    }

    [Fact]
    public void Gzip_output_is_deterministic()
    {
        IdxFile.Write(Path.Combine(dir, "1.gz"), Sample());
        IdxFile.Write(Path.Combine(dir, "2.gz"), Sample());
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "1.gz")), File.ReadAllBytes(Path.Combine(dir, "2.gz")));
    }

    [Fact]
    public void A_missing_file_says_how_to_get_the_data()
    {
        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(Path.Combine(dir, "nope.idx.gz")));
        Assert.Contains("not found", e.Message);
        Assert.Contains("gan-notebooks data download mnist", e.Message);
    }

    [Fact]
    public void A_truncated_file_is_reported_with_the_expected_size()
    {
        var path = Path.Combine(dir, "t.idx");
        IdxFile.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(path));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("data/mnist-small", e.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_reported()
    {
        var path = Path.Combine(dir, "t.idx.gz");
        IdxFile.Write(path, new IdxArray(new[] { 1000 }, Enumerable.Range(0, 1000).Select(i => (byte)(i * 7919 % 251)).ToArray()));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(path));
        Assert.Contains("gan-notebooks data download", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 5 }, "magic")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 5, 5, 5, 5 }, "type code 0x0d")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0 }, "header")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 5, 6 }, "unexpected bytes")]
    [InlineData(new byte[] { 0x1f, 0x8b, 8, 0, 1, 2, 3 }, "gzip")]
    public void Corrupt_content_is_rejected_with_a_reason(byte[] content, string reason)
    {
        var path = Path.Combine(dir, "c.idx");
        File.WriteAllBytes(path, content);
        var e = Assert.Throws<DataFileException>(() => IdxFile.Read(path));
        Assert.Contains(reason, e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
