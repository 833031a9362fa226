using System.IO.Compression;

namespace GanNotebooks.Data;

/// <summary>
/// An array stored in the IDX format of the MNIST files: a 4-byte magic number (two zero bytes, a type code,
/// the number of dimensions), one big-endian 32-bit size per dimension, then the values in row-major order.
/// Only unsigned bytes (type code 0x08) are supported, which is what MNIST and Fashion-MNIST use.
/// </summary>
/// <param name="Shape">Size of each dimension, e.g. [10000, 28, 28] for images, [10000] for labels.</param>
/// <param name="Data">The values, row-major; its length is the product of <paramref name="Shape"/>.</param>
public sealed record IdxArray(int[] Shape, byte[] Data)
{
    /// <summary>Number of items along the first dimension (images or labels).</summary>
    public int Count => Shape.Length == 0 ? 1 : Shape[0];
}

/// <summary>Reads and writes IDX files, plain or gzip-compressed (detected from the content, not the name).</summary>
public static class IdxFile
{
    /// <summary>The IDX type code for unsigned bytes.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>Reads an IDX or IDX.gz file.</summary>
    /// <exception cref="DataFileException">The file is missing, truncated, not IDX, or not unsigned bytes.</exception>
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path))
            throw new DataFileException($"Data file not found: {Path.GetFullPath(path)}. {DataFileException.HowToGetData}");
        byte[] bytes;
        var gzipped = false;
        try
        {
            bytes = File.ReadAllBytes(path);
            gzipped = bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
            if (gzipped) bytes = Gunzip(bytes);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new DataFileException($"{path} could not be read or is a damaged gzip file ({e.Message}). {DataFileException.HowToGetData}", e);
        }
        // A damaged gzip stream often decompresses to fewer bytes without an error; Parse then finds the
        // content too short, and the name tells the reader that the file was compressed.
        return Parse(bytes, gzipped ? $"{path} (gzip, after decompression)" : path);
    }

    /// <summary>Parses IDX content already in memory; <paramref name="name"/> is used in error messages.</summary>
    public static IdxArray Parse(byte[] bytes, string name = "IDX data")
    {
        string Bad(string what) => $"{name} is not a valid IDX file: {what}. {DataFileException.HowToGetData}";
        if (bytes.Length < 4) throw new DataFileException(Bad($"only {bytes.Length} bytes, shorter than the 4-byte header"));
        if (bytes[0] != 0 || bytes[1] != 0) throw new DataFileException(Bad("the magic number does not start with two zero bytes"));
        if (bytes[2] != UnsignedByte) throw new DataFileException(Bad($"type code 0x{bytes[2]:x2}; only unsigned bytes (0x08) are supported"));
        var dims = bytes[3];
        if (dims == 0 || dims > 8) throw new DataFileException(Bad($"{dims} dimensions"));
        var headerLength = 4 + 4 * dims;
        if (bytes.Length < headerLength) throw new DataFileException(Bad($"truncated inside the header ({bytes.Length} bytes)"));
        var shape = new int[dims];
        long count = 1;
        for (var d = 0; d < dims; d++)
        {
            var o = 4 + 4 * d;
            var size = (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3];
            if (size < 0) throw new DataFileException(Bad($"dimension {d} has a negative size"));
            shape[d] = size;
            count *= size;
        }
        var expected = headerLength + count;
        if (bytes.Length < expected)
            throw new DataFileException(Bad($"truncated: the header announces {count:N0} values ({expected:N0} bytes) but the file has {bytes.Length:N0} bytes"));
        if (bytes.Length > expected)
            throw new DataFileException(Bad($"{bytes.Length - expected:N0} unexpected bytes after the announced {count:N0} values"));
        return new IdxArray(shape, bytes.AsSpan(headerLength).ToArray());
    }

    /// <summary>Writes <paramref name="array"/> as IDX; gzip-compressed when <paramref name="path"/> ends with ".gz".
    /// The gzip stream is written without a timestamp, so the same array always gives the same bytes
    /// (and the same checksum).</summary>
    public static void Write(string path, IdxArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        long count = array.Shape.Aggregate(1L, (a, b) => a * b);
        if (array.Shape.Length is 0 or > 8) throw new ArgumentException("An IDX array needs 1 to 8 dimensions.", nameof(array));
        if (count != array.Data.Length)
            throw new ArgumentException($"Shape [{string.Join(",", array.Shape)}] holds {count} values but Data has {array.Data.Length}.", nameof(array));
        var content = new byte[4 + 4 * array.Shape.Length + array.Data.Length];
        content[2] = UnsignedByte;
        content[3] = (byte)array.Shape.Length;
        for (var d = 0; d < array.Shape.Length; d++)
        {
            var s = array.Shape[d];
            var o = 4 + 4 * d;
            (content[o], content[o + 1], content[o + 2], content[o + 3]) = ((byte)(s >> 24), (byte)(s >> 16), (byte)(s >> 8), (byte)s);
        }
        array.Data.CopyTo(content, 4 + 4 * array.Shape.Length);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
            gzip.Write(content);
        }
        else File.WriteAllBytes(path, content);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
