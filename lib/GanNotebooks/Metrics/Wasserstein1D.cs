using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// The exact Wasserstein-1 (earth mover's) distance between two samples on the real line, each sample
/// read as an empirical distribution (equal mass on every point).
/// </summary>
/// <remarks>
/// In one dimension the cheapest transport plan never crosses: it sends the k-th smallest unit of mass of
/// one sample to the k-th smallest of the other. That gives two equal formulas,
/// W1 = ∫ |F_a(t) − F_b(t)| dt = ∫₀¹ |F_a⁻¹(u) − F_b⁻¹(u)| du,
/// and for samples of equal size n simply the mean of |a₍ₖ₎ − b₍ₖ₎| over the sorted values.
/// The code integrates the difference of the two step-function CDFs, which also handles unequal sizes.
/// </remarks>
public static class Wasserstein1D
{
    /// <summary>W1 between the empirical distributions of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static double Distance(double[] a, double[] b)
    {
        var x = (double[])a.Clone();
        var y = (double[])b.Clone();
        if (x.Length == 0) throw new ArgumentException("sample a is empty.", nameof(a));
        if (y.Length == 0) throw new ArgumentException("sample b is empty.", nameof(b));
        if (x.Any(v => !double.IsFinite(v)) || y.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("samples must be finite numbers.");
        Array.Sort(x);
        Array.Sort(y);

        // Sweep the merged points left to right; between two consecutive points both CDFs are constant,
        // so the integral of |F_a − F_b| is a sum of rectangles.
        int i = 0, j = 0;
        double total = 0, previous = Math.Min(x[0], y[0]);
        while (i < x.Length || j < y.Length)
        {
            var next = j >= y.Length || (i < x.Length && x[i] <= y[j]) ? x[i] : y[j];
            var fa = (double)i / x.Length;
            var fb = (double)j / y.Length;
            total += Math.Abs(fa - fb) * (next - previous);
            previous = next;
            while (i < x.Length && x[i] == next) i++;
            while (j < y.Length && y[j] == next) j++;
        }
        return total;
    }

    /// <summary>W1 between two 1-D samples given as tensors of any shape (flattened; any device).</summary>
    public static double Distance(Tensor a, Tensor b) => Distance(a.ToDoubles(), b.ToDoubles());
}
