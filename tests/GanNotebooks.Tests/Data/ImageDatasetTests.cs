using GanNotebooks.Data;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Tests.Data;

public class ImageDatasetTests
{
    [Fact]
    public void Random_images_from_a_run_s_own_generator_repeat_with_its_seed_and_leave_the_global_stream_alone()
    {
        // Image i is filled with the value i, so a batch shows which images were drawn.
        var images = arange(50, dtype: ScalarType.Float32).view(50, 1, 1, 1).expand(50, 1, 2, 2).contiguous();
        var data = new ImageDataset(images, zeros(50, dtype: ScalarType.Int64), "test");
        float[] Draw(ulong seed)
        {
            using var random = new Generator(seed);
            return data.RandomImages(20, random)[.., 0, 0, 0].data<float>().ToArray();
        }
        Seeds.Set(3);
        var expected = randn(5).data<float>().ToArray();
        Seeds.Set(3);
        var first = Draw(11);
        Assert.Equal(expected, randn(5).data<float>().ToArray());   // the global stream was not used
        Assert.Equal(first, Draw(11));
        Assert.NotEqual(first, Draw(12));
        Assert.All(first, v => Assert.InRange(v, 0, 49));
    }
}
