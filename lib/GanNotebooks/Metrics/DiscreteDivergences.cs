namespace GanNotebooks.Metrics;

/// <summary>
/// KL, Jensen-Shannon, total variation and the Wasserstein-1 distance between two
/// <see cref="DiscreteMeasure"/>s, computed exactly (no sampling, no binning).
/// </summary>
/// <remarks>
/// KL, JS and TV only compare the masses that the two measures put <em>on the same points</em>: two atoms
/// count as the same point when their coordinates agree to <see cref="SamePointTolerance"/>. That is why
/// these three cannot see how far apart two disjoint measures are, while W1, which moves mass along
/// distances, can: the lesson of chapter 4 in one remark.
/// </remarks>
public static class DiscreteDivergences
{
    /// <summary>Coordinates closer than this are treated as the same point (absolute, per coordinate).</summary>
    public const double SamePointTolerance = 1e-12;

    /// <summary>KL(p‖q) = Σ p log(p/q) in nats; +∞ when p puts mass where q puts none.</summary>
    public static double KL(DiscreteMeasure p, DiscreteMeasure q)
    {
        var (pw, qw) = Align(p, q);
        double sum = 0;
        for (var i = 0; i < pw.Length; i++)
        {
            if (pw[i] == 0) continue;                 // 0 log 0 = 0
            if (qw[i] == 0) return double.PositiveInfinity;
            sum += pw[i] * Math.Log(pw[i] / qw[i]);
        }
        return Math.Max(0, sum);
    }

    /// <summary>
    /// KL(p ‖ uniform) of a histogram over K bins, in nats: Σₖ pₖ log(K pₖ) over the non-empty bins, with pₖ the
    /// share of bin k. 0 when every bin holds the same count, log K when one bin holds everything: how far a
    /// generator's samples are from spreading evenly over the modes or classes.
    /// </summary>
    /// <returns>NaN for a histogram with no counts at all: no sample landed in any bin, so there is no distribution
    /// to compare (a measurement of a broken generator, not a programming error).</returns>
    /// <exception cref="ArgumentException">No bins, or a negative count.</exception>
    public static double KlToUniform(IReadOnlyList<int> counts)
    {
        if (counts.Count == 0) throw new ArgumentException("A histogram needs at least one bin.", nameof(counts));
        if (counts.Any(c => c < 0)) throw new ArgumentException($"Counts must be ≥ 0; got {string.Join(", ", counts)}.", nameof(counts));
        double total = counts.Sum();
        if (total == 0) return double.NaN;
        return Math.Max(0, counts.Where(c => c > 0).Sum(c => c / total * Math.Log(c / total * counts.Count)));
    }

    /// <summary>JS(p, q) = ½ KL(p‖m) + ½ KL(q‖m) with m = (p + q)/2, in nats; between 0 and log 2.</summary>
    public static double JS(DiscreteMeasure p, DiscreteMeasure q)
    {
        var (pw, qw) = Align(p, q);
        double sum = 0;
        for (var i = 0; i < pw.Length; i++)
        {
            var m = 0.5 * (pw[i] + qw[i]);
            if (pw[i] > 0) sum += 0.5 * pw[i] * Math.Log(pw[i] / m);
            if (qw[i] > 0) sum += 0.5 * qw[i] * Math.Log(qw[i] / m);
        }
        return Math.Clamp(sum, 0, Math.Log(2));
    }

    /// <summary>Total variation δ(p, q) = sup over sets A of |p(A) − q(A)| = ½ Σ |p − q|; between 0 and 1.</summary>
    public static double TotalVariation(DiscreteMeasure p, DiscreteMeasure q)
    {
        var (pw, qw) = Align(p, q);
        return 0.5 * pw.Zip(qw, (a, b) => Math.Abs(a - b)).Sum();
    }

    /// <summary>
    /// W1(p, q) = the least average Euclidean distance over which mass must move to turn p into q.
    /// Both measures must be uniform over the same number n of atoms; an optimal transport plan can then be
    /// taken to be a permutation (Birkhoff's theorem), found exactly by the Hungarian algorithm in O(n³).
    /// </summary>
    public static double Wasserstein1(DiscreteMeasure p, DiscreteMeasure q)
    {
        if (p.Dimension != q.Dimension) throw new ArgumentException($"Dimensions differ: {p.Dimension} and {q.Dimension}.");
        if (p.Count != q.Count || !p.IsUniform || !q.IsUniform)
            throw new ArgumentException("Wasserstein1 needs two uniform measures with the same number of atoms (for example two samples of equal size).");
        var n = p.Count;
        var cost = new double[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            cost[i, j] = Distance(p.Points[i], q.Points[j]);
        var assignment = Assignment.Solve(cost);
        double total = 0;
        for (var i = 0; i < n; i++) total += cost[i, assignment[i]];
        return total / n;
    }

    private static double Distance(double[] a, double[] b)
    {
        double s = 0;
        for (var k = 0; k < a.Length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.Sqrt(s);
    }

    // The masses of p and q on the union of their atoms, atom by atom.
    private static (double[] P, double[] Q) Align(DiscreteMeasure p, DiscreteMeasure q)
    {
        if (p.Dimension != q.Dimension) throw new ArgumentException($"Dimensions differ: {p.Dimension} and {q.Dimension}.");
        var union = new List<double[]>();
        var pw = new List<double>();
        var qw = new List<double>();
        int IndexOf(double[] x)
        {
            for (var i = 0; i < union.Count; i++)
                if (Same(union[i], x)) return i;
            union.Add(x); pw.Add(0); qw.Add(0);
            return union.Count - 1;
        }
        for (var i = 0; i < p.Count; i++) pw[IndexOf(p.Points[i])] += p.Weights[i];
        for (var i = 0; i < q.Count; i++) qw[IndexOf(q.Points[i])] += q.Weights[i];
        return (pw.ToArray(), qw.ToArray());
    }

    private static bool Same(double[] a, double[] b)
    {
        for (var k = 0; k < a.Length; k++)
            if (Math.Abs(a[k] - b[k]) > SamePointTolerance) return false;
        return true;
    }
}

/// <summary>The linear assignment problem: a permutation minimising the total cost (Hungarian algorithm).</summary>
public static class Assignment
{
    /// <summary>
    /// For an n × n cost matrix returns <c>a</c> with row i assigned to column a[i], minimising Σ cost[i, a[i]].
    /// Shortest-augmenting-path form of the Hungarian method with row and column potentials, O(n³).
    /// </summary>
    public static int[] Solve(double[,] cost)
    {
        var n = cost.GetLength(0);
        if (cost.GetLength(1) != n) throw new ArgumentException("The cost matrix must be square.", nameof(cost));
        // 1-based arrays; column 0 is a virtual column holding the row being inserted.
        var u = new double[n + 1];
        var v = new double[n + 1];
        var rowOfColumn = new int[n + 1];
        var way = new int[n + 1];
        for (var i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            var j0 = 0;
            var minv = Enumerable.Repeat(double.PositiveInfinity, n + 1).ToArray();
            var used = new bool[n + 1];
            do
            {
                used[j0] = true;
                int i0 = rowOfColumn[j0], j1 = 0;
                var delta = double.PositiveInfinity;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j]) continue;
                    var reduced = cost[i0 - 1, j - 1] - u[i0] - v[j];
                    if (reduced < minv[j]) { minv[j] = reduced; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (var j = 0; j <= n; j++)
                {
                    if (used[j]) { u[rowOfColumn[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            } while (rowOfColumn[j0] != 0);
            do
            {
                var j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        var result = new int[n];
        for (var j = 1; j <= n; j++) result[rowOfColumn[j] - 1] = j - 1;
        return result;
    }
}
