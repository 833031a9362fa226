using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// O-GAN's operators on a vector z ∈ Rⁿ, applied to every row of a batch [N, n]: the mean of its components
/// avg(z), their (population) standard deviation std(z), and the normalised vector N(z) = (z − avg(z)) / std(z).
/// Reference implementations: chapter 6 writes them again in its cells and compares with these.
/// </summary>
/// <remarks>
/// z = avg(z)·1 + std(z)·N(z), where N(z) is orthogonal to the all-ones vector 1 and has squared length n.
/// For n ≥ 3 the three parts vary independently (N(z) ranges over an (n−2)-sphere), which is why the blog calls
/// [avg, std, N] an orthogonal decomposition of z. The operators work over the last dimension, "across the
/// components of one sample", never across the batch.
/// </remarks>
public static class VectorDecomposition
{
    /// <summary>avg(z): mean of the components of each row, shape [N].</summary>
    public static Tensor Avg(Tensor z) => z.mean(new long[] { -1 });

    /// <summary>std(z): population standard deviation (divide by n, not n − 1) of the components of each row, shape [N].</summary>
    public static Tensor Std(Tensor z) => (z - z.mean(new long[] { -1 }, keepdim: true)).square().mean(new long[] { -1 }).sqrt();

    /// <summary>N(z) = (z − avg(z)) / std(z), row by row; every row of the result has mean 0 and standard deviation 1.</summary>
    /// <param name="z">Vectors [N, n] (or [n]).</param>
    /// <param name="epsilon">Guards the division for a constant row (std 0), which has no direction.</param>
    public static Tensor Normalize(Tensor z, double epsilon = 1e-12)
    {
        var centred = z - z.mean(new long[] { -1 }, keepdim: true);
        return centred / centred.square().mean(new long[] { -1 }, keepdim: true).sqrt().clamp_min(epsilon);
    }

    /// <summary>Rebuilds z = avg·1 + std·N from the three parts (avg and std [N], direction [N, n]).</summary>
    public static Tensor Compose(Tensor avg, Tensor std, Tensor direction) => avg.unsqueeze(-1) + std.unsqueeze(-1) * direction;

    /// <summary>
    /// The Pearson correlation ρ(z, e) of each row of <paramref name="z"/> with the same row of <paramref name="e"/>,
    /// computed across the n components: ρ = cos(N(z), N(e)) = N(z)·N(e) / n. Shape [N], values in [−1, 1].
    /// Unchanged when e is replaced by a·e + b with a &gt; 0 (it changes sign for a &lt; 0).
    /// </summary>
    /// <param name="z">First vectors [N, n].</param>
    /// <param name="e">Second vectors [N, n].</param>
    /// <param name="epsilon">Guards the division for a constant row, whose correlation is then 0.</param>
    public static Tensor Correlation(Tensor z, Tensor e, double epsilon = 1e-12)
    {
        if (!z.shape.SequenceEqual(e.shape))
            throw new ArgumentException($"z and e must have the same shape; got [{string.Join(",", z.shape)}] and [{string.Join(",", e.shape)}].");
        var zc = z - z.mean(new long[] { -1 }, keepdim: true);
        var ec = e - e.mean(new long[] { -1 }, keepdim: true);
        var norms = (zc.square().sum(new long[] { -1 }) * ec.square().sum(new long[] { -1 })).sqrt().clamp_min(epsilon);
        return (zc * ec).sum(new long[] { -1 }) / norms;
    }
}
