using GanNotebooks.Distributions;
using GanNotebooks.Metrics;

namespace GanNotebooks.Tests.Metrics;

public class DiscreteDivergencesTests
{
    private static DiscreteMeasure OnLine(double[] xs, double[] weights) =>
        new(xs.Select(x => new[] { x }).ToArray(), weights);

    [Fact]
    public void Divergences_of_two_coins_match_the_formulas_written_out_by_hand()
    {
        // p = (0.25, 0.75) and q = (0.5, 0.5) on the points {0, 1}.
        var p = OnLine(new[] { 0.0, 1.0 }, new[] { 0.25, 0.75 });
        var q = OnLine(new[] { 1.0, 0.0 }, new[] { 0.5, 0.5 });   // same atoms, listed in the other order
        var klPq = 0.25 * Math.Log(0.25 / 0.5) + 0.75 * Math.Log(0.75 / 0.5);
        var klQp = 0.5 * Math.Log(0.5 / 0.25) + 0.5 * Math.Log(0.5 / 0.75);
        double m0 = 0.375, m1 = 0.625;
        var js = 0.5 * (0.25 * Math.Log(0.25 / m0) + 0.75 * Math.Log(0.75 / m1))
               + 0.5 * (0.5 * Math.Log(0.5 / m0) + 0.5 * Math.Log(0.5 / m1));
        Assert.Equal(klPq, DiscreteDivergences.KL(p, q), 12);
        Assert.Equal(klQp, DiscreteDivergences.KL(q, p), 12);
        Assert.Equal(js, DiscreteDivergences.JS(p, q), 12);
        Assert.Equal(0.25, DiscreteDivergences.TotalVariation(p, q), 12);
    }

    [Fact]
    public void Disjoint_measures_have_JS_log_2_infinite_KL_and_TV_1_whatever_their_distance()
    {
        foreach (var gap in new[] { 1e-6, 0.1, 100.0 })
        {
            var p = OnLine(new[] { 0.0, 1.0 }, new[] { 0.3, 0.7 });
            var q = OnLine(new[] { gap, 1 + gap }, new[] { 0.6, 0.4 });
            Assert.Equal(Math.Log(2), DiscreteDivergences.JS(p, q), 12);
            Assert.True(double.IsPositiveInfinity(DiscreteDivergences.KL(p, q)));
            Assert.True(double.IsPositiveInfinity(DiscreteDivergences.KL(q, p)));
            Assert.Equal(1.0, DiscreteDivergences.TotalVariation(p, q), 12);
        }
    }

    [Fact]
    public void W1_in_one_dimension_equals_the_mean_gap_between_sorted_samples()
    {
        // Independent method: on the line, the optimal plan matches the i-th smallest with the i-th smallest.
        var rng = new Random(3);
        var a = Enumerable.Range(0, 60).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var b = Enumerable.Range(0, 60).Select(_ => rng.NextDouble() * 3).ToArray();
        var sorted = a.OrderBy(x => x).Zip(b.OrderBy(x => x), (x, y) => Math.Abs(x - y)).Average();
        var w1 = DiscreteDivergences.Wasserstein1(DiscreteMeasure.Empirical(a.Select(x => new[] { x }).ToArray()),
                                                  DiscreteMeasure.Empirical(b.Select(x => new[] { x }).ToArray()));
        Assert.Equal(sorted, w1, 10);
    }

    [Fact]
    public void Hungarian_assignment_matches_brute_force_over_all_permutations()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            const int n = 6;
            var cost = new double[n, n];
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                cost[i, j] = rng.NextDouble();
            var a = Assignment.Solve(cost);
            Assert.Equal(n, a.Distinct().Count());
            var best = Permutations(Enumerable.Range(0, n).ToArray()).Min(p => Enumerable.Range(0, n).Sum(i => cost[i, p[i]]));
            Assert.Equal(best, Enumerable.Range(0, n).Sum(i => cost[i, a[i]]), 12);
        }
    }

    [Fact]
    public void W1_of_2D_samples_matches_brute_force_optimal_transport()
    {
        var rng = new Random(5);
        double[] Point() => new[] { rng.NextDouble(), rng.NextDouble() };
        var p = Enumerable.Range(0, 7).Select(_ => Point()).ToArray();
        var q = Enumerable.Range(0, 7).Select(_ => Point()).ToArray();
        double Dist(double[] x, double[] y) => Math.Sqrt((x[0] - y[0]) * (x[0] - y[0]) + (x[1] - y[1]) * (x[1] - y[1]));
        var brute = Permutations(Enumerable.Range(0, 7).ToArray()).Min(perm => Enumerable.Range(0, 7).Average(i => Dist(p[i], q[perm[i]])));
        Assert.Equal(brute, DiscreteDivergences.Wasserstein1(DiscreteMeasure.Empirical(p), DiscreteMeasure.Empirical(q)), 12);
    }

    [Fact]
    public void Invalid_measures_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => OnLine(new[] { 0.0, 1.0 }, new[] { 0.5, 0.6 }));
        Assert.Throws<ArgumentException>(() => OnLine(new[] { 0.0 }, new[] { 0.5, 0.5 }));
        var uniform = OnLine(new[] { 0.0, 1.0 }, new[] { 0.5, 0.5 });
        var skewed = OnLine(new[] { 0.0, 1.0 }, new[] { 0.2, 0.8 });
        Assert.Throws<ArgumentException>(() => DiscreteDivergences.Wasserstein1(uniform, skewed));
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var p in Permutations(rest)) yield return new[] { items[i] }.Concat(p).ToArray();
        }
    }

    [Theory]
    [InlineData(new[] { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 }, 0.0)]
    [InlineData(new[] { 50, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 2.302585092994046)]   // log 10
    [InlineData(new[] { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, 1.6094379124341003)]   // log(10/2)
    [InlineData(new[] { 3, 1 }, 0.13081203594113697)]   // ¾ log(3/2) + ¼ log(1/2), worked by hand
    public void KL_to_uniform_matches_the_closed_form(int[] counts, double expected) =>
        Assert.Equal(expected, DiscreteDivergences.KlToUniform(counts), 12);

    [Fact]
    public void KL_to_uniform_is_the_KL_between_the_two_discrete_measures()
    {
        var counts = new[] { 7, 0, 2, 1 };
        var atoms = Enumerable.Range(0, counts.Length).Select(k => new[] { (double)k }).ToArray();
        var histogram = new DiscreteMeasure(atoms, counts.Select(c => c / 10.0).ToArray());
        var uniform = new DiscreteMeasure(atoms, Enumerable.Repeat(0.25, counts.Length).ToArray());
        Assert.Equal(DiscreteDivergences.KL(histogram, uniform), DiscreteDivergences.KlToUniform(counts), 12);
    }

    [Fact]
    public void An_empty_histogram_has_no_KL_and_a_bad_one_is_refused()
    {
        // No sample in any bin is a measurement (a generator that misses every mode), not an error: NaN, which
        // a table shows and every self-check comparison rejects.
        Assert.True(double.IsNaN(DiscreteDivergences.KlToUniform(new int[8])));
        Assert.Throws<ArgumentException>(() => DiscreteDivergences.KlToUniform(Array.Empty<int>()));
        Assert.Throws<ArgumentException>(() => DiscreteDivergences.KlToUniform(new[] { 3, -1 }));
    }
}
