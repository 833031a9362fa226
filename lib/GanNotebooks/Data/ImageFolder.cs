using SkiaSharp;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Data;

/// <summary>Images read from a folder, as one tensor.</summary>
/// <param name="Images">float32 [N, 3, size, size], values in [0, 1] (RGB; grayscale files are repeated over the 3 channels).</param>
/// <param name="Files">The file behind each image, in the same order.</param>
/// <param name="Skipped">Files with an image extension that could not be decoded (only when skipping was asked for).</param>
public sealed record ImageFolderData(Tensor Images, string[] Files, string[] Skipped) : IDisposable
{
    /// <summary>Number of images.</summary>
    public int Count => Files.Length;

    /// <inheritdoc />
    public void Dispose() => Images.Dispose();
}

/// <summary>
/// Loads your own photos for training: every image file of a folder is decoded with SkiaSharp, centre-cropped to a
/// square (the largest one in the middle, so faces and objects in the centre survive) and resized to
/// size × size. This is how the O-GAN code prepares LSUN: crop first, then resize, so nothing is stretched.
/// </summary>
public static class ImageFolder
{
    /// <summary>The file extensions read (case-insensitive); other files are ignored.</summary>
    public static readonly string[] Extensions = { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" };

    /// <summary>Loads the images of <paramref name="folder"/>.</summary>
    /// <param name="folder">The folder to read (sorted by file name, so the order is repeatable).</param>
    /// <param name="size">Side of the square output images, e.g. 64.</param>
    /// <param name="recursive">Also read sub-folders.</param>
    /// <param name="maxImages">Read at most this many (in file-name order); null for all.</param>
    /// <param name="skipUnreadable">false (default): an undecodable file stops the load with an error naming it;
    /// true: it is listed in <see cref="ImageFolderData.Skipped"/> and the load goes on.</param>
    /// <param name="device">Where the tensor goes (CPU when null).</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A file cannot be decoded, or the folder holds no image.</exception>
    public static ImageFolderData Load(string folder, int size = 64, bool recursive = false, int? maxImages = null,
                                       bool skipUnreadable = false, Device? device = null)
    {
        Require.AtLeast(size, 1);
        if (maxImages is <= 0) throw new ArgumentOutOfRangeException(nameof(maxImages), maxImages, "maxImages must be positive or null.");
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Image folder not found: {Path.GetFullPath(folder)}.");

        var candidates = Directory.EnumerateFiles(folder, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
            throw new InvalidDataException($"{Path.GetFullPath(folder)} holds no image file ({string.Join(", ", Extensions)}).");

        var files = new List<string>();
        var skipped = new List<string>();
        var pixels = new List<byte[]>();
        foreach (var file in candidates)
        {
            if (maxImages is { } max && files.Count >= max) break;
            var rgb = DecodeSquare(file, size, out var problem);
            if (rgb is null)
            {
                if (!skipUnreadable)
                    throw new InvalidDataException($"Cannot decode {Path.GetFullPath(file)}: {problem}. Remove or convert the file, " +
                                                   "or pass skipUnreadable: true to skip such files.");
                skipped.Add(file);
                continue;
            }
            files.Add(file);
            pixels.Add(rgb);
        }
        if (files.Count == 0)
            throw new InvalidDataException($"None of the {candidates.Count} image files in {Path.GetFullPath(folder)} could be decoded.");

        var all = new byte[files.Count * 3 * size * size];
        for (var i = 0; i < pixels.Count; i++) Buffer.BlockCopy(pixels[i], 0, all, i * pixels[i].Length, pixels[i].Length);
        using var scope = NewDisposeScope();
        var images = tensor(all, new long[] { files.Count, 3, size, size }, dtype: ScalarType.Byte).to_type(ScalarType.Float32).div_(255f);
        if (device is not null) images = images.to(device);
        return new ImageFolderData(images.MoveToOuterDisposeScope(), files.ToArray(), skipped.ToArray());
    }

    /// <summary>Decodes one file, crops the centre square, resizes it and returns its pixels channel-first
    /// (R plane, G plane, B plane); null with a reason when the file cannot be decoded.</summary>
    private static byte[]? DecodeSquare(string file, int size, out string problem)
    {
        problem = "";
        SKBitmap? source;
        try
        {
            using var codec = SKCodec.Create(file, out var result);
            if (codec is null)
            {
                problem = $"not a supported image ({result})";
                return null;
            }
            source = SKBitmap.Decode(codec);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = e.Message;
            return null;
        }
        if (source is null || source.Width == 0 || source.Height == 0)
        {
            problem = "the decoder returned no pixels (truncated or corrupt file?)";
            source?.Dispose();
            return null;
        }

        using (source)
        using (var square = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul)))
        using (var canvas = new SKCanvas(square))
        using (var paint = new SKPaint { FilterQuality = SKFilterQuality.High, IsAntialias = true })
        {
            var side = Math.Min(source.Width, source.Height);
            var crop = SKRect.Create((source.Width - side) / 2f, (source.Height - side) / 2f, side, side);
            canvas.Clear(SKColors.White);   // transparent pixels become white, as most viewers show them
            canvas.DrawBitmap(source, crop, SKRect.Create(0, 0, size, size), paint);
            canvas.Flush();

            var rgba = square.Bytes;
            var planes = new byte[3 * size * size];
            var area = size * size;
            for (var p = 0; p < area; p++)
            {
                planes[p] = rgba[4 * p];
                planes[area + p] = rgba[4 * p + 1];
                planes[2 * area + p] = rgba[4 * p + 2];
            }
            return planes;
        }
    }
}
