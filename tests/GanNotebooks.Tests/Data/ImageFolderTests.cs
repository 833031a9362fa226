using GanNotebooks.Data;
using SkiaSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Data;

public sealed class ImageFolderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("imagefolder-test-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(string name, int width, int height, Func<int, int, SKColor> colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            bitmap.SetPixel(x, y, colour(x, y));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        File.WriteAllBytes(Path.Combine(folder, name), data.ToArray());
    }

    [Fact]
    public void A_wide_image_is_centre_cropped_and_resized()
    {
        // 60×20: red, then a green middle third, then blue. The centre square is exactly the green third.
        Write("a_wide.png", 60, 20, (x, _) => x < 20 ? SKColors.Red : x < 40 ? SKColors.Lime : SKColors.Blue);
        // 10×30 tall: top and bottom thirds black, middle third white.
        Write("b_tall.png", 10, 30, (_, y) => y is >= 10 and < 20 ? SKColors.White : SKColors.Black);
        using var data = ImageFolder.Load(folder, size: 8);
        Assert.Equal(2, data.Count);
        Assert.Equal(new long[] { 2, 3, 8, 8 }, data.Images.shape);
        using var scope = NewDisposeScope();
        var wide = data.Images[0];
        // Away from the crop's border (where the resampling filter may reach a neighbour), the colour is pure.
        var inner = wide[.., 1..7, 1..7];
        Assert.True((inner[0]).max().item<float>() < 0.02f);             // no red
        Assert.True((inner[1]).min().item<float>() > 0.98f);             // all green
        Assert.True((inner[2]).max().item<float>() < 0.02f);             // no blue
        Assert.True((data.Images[1][.., 1..7, 1..7]).min().item<float>() > 0.98f);   // the white middle of the tall one
        Assert.EndsWith("a_wide.png", data.Files[0]);
    }

    [Fact]
    public void Jpeg_and_grayscale_files_load_as_RGB_in_0_1()
    {
        Write("grey.jpg", 16, 16, (x, _) => new SKColor((byte)(x * 16), (byte)(x * 16), (byte)(x * 16)), SKEncodedImageFormat.Jpeg);
        using var data = ImageFolder.Load(folder, size: 16);
        using var scope = NewDisposeScope();
        var image = data.Images[0];
        Assert.InRange(image.min().item<float>(), 0f, 0.1f);
        Assert.InRange(image.max().item<float>(), 0.85f, 1f);
        Assert.True((image[0] - image[1]).abs().max().item<float>() < 0.02f);   // grey: R = G (up to JPEG's chroma rounding)
        Assert.True(image[0][8, 15].item<float>() > image[0][8, 0].item<float>());   // the ramp survives: left dark, right bright
    }

    [Fact]
    public void An_unreadable_file_is_named_in_the_error_or_skipped_when_asked()
    {
        Write("good.png", 8, 8, (_, _) => SKColors.Gray);
        File.WriteAllText(Path.Combine(folder, "broken.png"), "this is not a PNG");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "ignored: not an image extension");
        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(folder, size: 4));
        Assert.Contains("broken.png", error.Message);
        using var data = ImageFolder.Load(folder, size: 4, skipUnreadable: true);
        Assert.Equal(1, data.Count);
        Assert.Single(data.Skipped);
        Assert.EndsWith("broken.png", data.Skipped[0]);
    }

    [Fact]
    public void Missing_or_empty_folders_fail_clearly()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(Path.Combine(folder, "nope")));
        var empty = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(folder));
        Assert.Contains("no image file", empty.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.Load(folder, size: 0));
    }
}
