using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// The sliced Wasserstein distance: the average, over random directions u on the unit sphere, of the exact
/// 1-D Wasserstein-1 distance between the two samples projected onto u.
/// </summary>
/// <remarks>
/// It is an independent yardstick for a WGAN critic: it needs no training, is exact on each slice, and like
/// W1 it is zero only for equal distributions and grows with how far mass has to move. It is smaller than
/// W1 (a projection never lengthens a transport path): for a translation by a vector v each slice moves
/// everything by |⟨v, u⟩|, so in 2-D the sliced distance is |v| · E|cos φ| = (2/π)|v|.
/// The directions come from their own seeded <see cref="Random"/>, so measuring never consumes TorchSharp's
/// random numbers and cannot change a training run.
/// </remarks>
public static class SlicedWasserstein
{
    /// <summary>Sliced W1 between the rows of <paramref name="a"/> [N, d] and <paramref name="b"/> [M, d].</summary>
    /// <param name="a">First sample, one point per row.</param>
    /// <param name="b">Second sample, same number of columns.</param>
    /// <param name="projections">Number of random directions averaged.</param>
    /// <param name="seed">Seed of the directions: keep it fixed to compare distances along a run.</param>
    public static double Distance(Tensor a, Tensor b, int projections = 200, int seed = 0)
    {
        if (a.dim() != 2 || b.dim() != 2 || a.shape[1] != b.shape[1])
            throw new ArgumentException($"a and b must be [N, d] and [M, d]; got [{string.Join(",", a.shape)}] and [{string.Join(",", b.shape)}].");
        Require.AtLeast(projections, 1);
        var dim = (int)a.shape[1];
        var directions = Directions(dim, projections, seed);

        using var scope = NewDisposeScope();
        var u = Tensors.From(directions, ScalarType.Float64).reshape(projections, dim).t();
        var pa = a.detach().cpu().to_type(ScalarType.Float64).matmul(u);   // [N, projections]
        var pb = b.detach().cpu().to_type(ScalarType.Float64).matmul(u);
        if (pa.shape[0] == pb.shape[0])
            // Equal sizes: the monotone coupling pairs the k-th smallest projections.
            return pa.sort(0).Values.sub(pb.sort(0).Values).abs().mean().item<double>();

        var total = 0.0;
        for (var p = 0; p < projections; p++)
            total += Wasserstein1D.Distance(pa.select(1, p), pb.select(1, p));
        return total / projections;
    }

    /// <summary>Unit vectors drawn uniformly on the sphere in <paramref name="dim"/> dimensions (normalised Gaussians), row by row.</summary>
    public static double[] Directions(int dim, int count, int seed)
    {
        var random = new Random(seed);
        var result = new double[dim * count];
        for (var k = 0; k < count; k++)
        {
            double norm;
            do
            {
                norm = 0;
                for (var d = 0; d < dim; d++)
                {
                    var g = random.NextStandardNormal();
                    result[k * dim + d] = g;
                    norm += g * g;
                }
            } while (norm < 1e-24);
            norm = Math.Sqrt(norm);
            for (var d = 0; d < dim; d++) result[k * dim + d] /= norm;
        }
        return result;
    }
}
