using SkiaSharp;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Display;

/// <summary>
/// A grid of images (samples of a generator, reconstructions, interpolations), encoded once as PNG with
/// SkiaSharp and shown inline as <c>&lt;img src="data:image/png;base64,..."&gt;</c>, which renders in VS Code,
/// Jupyter, GitHub's preview and the runner's offline HTML pages alike.
/// </summary>
public sealed class ImageGrid : Displayable
{
    private ImageGrid(string title, byte[] png, int count, int width, int height)
    {
        Title = title;
        Png = png;
        Count = count;
        Width = width;
        Height = height;
    }

    /// <summary>The caption shown above the grid.</summary>
    public string Title { get; }

    /// <summary>The encoded PNG bytes.</summary>
    public byte[] Png { get; }

    /// <summary>Number of images in the grid.</summary>
    public int Count { get; }

    /// <summary>Width of the PNG in pixels.</summary>
    public int Width { get; }

    /// <summary>Height of the PNG in pixels.</summary>
    public int Height { get; }

    /// <summary>
    /// Builds a grid from a batch of images.
    /// </summary>
    /// <param name="images">Shape [N, H, W] (grayscale), [N, 1, H, W] or [N, 3, H, W], any device.</param>
    /// <param name="title">Caption.</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="range">The value range of <paramref name="images"/>: (0, 1) or (−1, 1) for tanh outputs.
    /// Values outside it are clipped.</param>
    /// <param name="scale">Each pixel becomes a scale × scale block, so 28×28 digits are readable.</param>
    public static ImageGrid FromTensor(Tensor images, string title, int columns = 8, (double Low, double High)? range = null,
                                       int scale = 2)
    {
        Require.AtLeast(columns, 1);
        Require.AtLeast(scale, 1);
        var (low, high) = range ?? (0.0, 1.0);
        if (!(high > low)) throw new ArgumentException($"range must have High > Low, got ({low}, {high}).", nameof(range));

        using var scope = NewDisposeScope();
        var x = images.detach().to(CPU).to_type(ScalarType.Float32);
        if (x.dim() == 3) x = x.unsqueeze(1);
        if (x.dim() != 4 || (x.shape[1] != 1 && x.shape[1] != 3))
            throw new ArgumentException($"images must have shape [N,H,W], [N,1,H,W] or [N,3,H,W]; got [{string.Join(",", x.shape)}].", nameof(images));
        x = ((x - low) / (high - low)).clamp(0, 1).mul(255).round().to_type(ScalarType.Byte);
        int n = (int)x.shape[0], c = (int)x.shape[1], h = (int)x.shape[2], w = (int)x.shape[3];
        if (n == 0) throw new ArgumentException("images is empty.", nameof(images));
        var pixels = x.permute(0, 2, 3, 1).contiguous().data<byte>().ToArray();

        int cols = Math.Min(columns, n), rows = (n + cols - 1) / cols, pad = 2;
        int width = cols * (w * scale + pad) + pad, height = rows * (h * scale + pad) + pad;
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(128, 128, 128));
        for (var i = 0; i < n; i++)
        {
            int ox = pad + (i % cols) * (w * scale + pad), oy = pad + (i / cols) * (h * scale + pad);
            for (var yy = 0; yy < h; yy++)
            for (var xx = 0; xx < w; xx++)
            {
                var p = ((i * h + yy) * w + xx) * c;
                var color = c == 1 ? new SKColor(pixels[p], pixels[p], pixels[p]) : new SKColor(pixels[p], pixels[p + 1], pixels[p + 2]);
                for (var dy = 0; dy < scale; dy++)
                for (var dx = 0; dx < scale; dx++)
                    bitmap.SetPixel(ox + xx * scale + dx, oy + yy * scale + dy, color);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new ImageGrid(title, data.ToArray(), n, width, height);
    }

    /// <summary>Writes the PNG to a file.</summary>
    public void Save(string path) => File.WriteAllBytes(path, Png);

    /// <inheritdoc />
    public override string ToHtml() =>
        $"<figure style=\"margin:4px 0\"><figcaption style=\"font-weight:bold\">{Html.Escape(Title)}</figcaption>" +
        $"<img src=\"data:image/png;base64,{Convert.ToBase64String(Png)}\" width=\"{Width}\" height=\"{Height}\" alt=\"{Html.Escape(Title)}\"/></figure>";

    /// <inheritdoc />
    public override string ToPlainText() => $"ImageGrid '{Title}': {Count} images, {Width}x{Height} PNG ({Png.Length} bytes)";
}
