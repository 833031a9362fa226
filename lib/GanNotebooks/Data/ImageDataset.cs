using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Data;

/// <summary>
/// Labelled grey-scale images held as tensors: <see cref="Images"/> is float32 [N, 1, 28, 28] with pixel
/// values in [0, 1] (0 = background), <see cref="Labels"/> is int64 [N] with the class 0..9.
/// The tensors are created outside any dispose scope, so they live until <see cref="Dispose"/>.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    /// <summary>Wraps existing tensors (shapes are checked).</summary>
    public ImageDataset(Tensor images, Tensor labels, string source)
    {
        if (images.dim() != 4 || images.shape[1] != 1)
            throw new ArgumentException($"images must have shape [N, 1, H, W]; got [{string.Join(",", images.shape)}].", nameof(images));
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must have shape [{images.shape[0]}]; got [{string.Join(",", labels.shape)}].", nameof(labels));
        Images = images;
        Labels = labels;
        Source = source;
    }

    /// <summary>The images, float32 [N, 1, H, W], values in [0, 1].</summary>
    public Tensor Images { get; }

    /// <summary>The class of each image, int64 [N].</summary>
    public Tensor Labels { get; }

    /// <summary>Where the data came from, for display.</summary>
    public string Source { get; }

    /// <summary>Number of images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>How many images of each class 0..9 (the first 10 classes).</summary>
    public int[] ClassCounts()
    {
        var counts = new int[10];
        foreach (var label in Labels.cpu().data<long>())
            if (label is >= 0 and < 10) counts[label]++;
        return counts;
    }

    /// <summary>A random batch of <paramref name="size"/> images (with replacement), as a new tensor on the images'
    /// device. The labels are rarely needed by a GAN; use <see cref="Batch(Tensor)"/> to get both.</summary>
    /// <param name="size">Number of images.</param>
    /// <param name="generator">The random stream to draw from (on the images' device); null: TorchSharp's global,
    /// seeded one. A training run that has its own stream draws the same batches however other runs interleave with it.</param>
    public Tensor RandomImages(int size, Generator? generator = null)
    {
        Require.AtLeast(size, 1);
        using var index = randint(0, Count, new long[] { size }, device: Images.device, generator: generator);
        return Images.index_select(0, index);
    }

    /// <summary>The images and labels at <paramref name="index"/> (an int64 tensor on the data's device).</summary>
    public (Tensor Images, Tensor Labels) Batch(Tensor index) => (Images.index_select(0, index), Labels.index_select(0, index));

    /// <summary>Moves both tensors to <paramref name="device"/>, returning a new dataset (this one stays valid).</summary>
    public ImageDataset To(Device device) => new(Images.to(device), Labels.to(device), Source);

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Count:N0} images [{string.Join(", ", Images.shape.Skip(1))}] from {Source}";
}

/// <summary>A dataset split into the part models train on and a held-out part they never see.</summary>
/// <param name="Train">Images to train on.</param>
/// <param name="HeldOut">Images kept apart to measure accuracy honestly.</param>
public sealed record DatasetSplit(ImageDataset Train, ImageDataset HeldOut) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        HeldOut.Dispose();
    }
}
