namespace GanNotebooks.Metrics;

/// <summary>A numerical integral and an estimate of its absolute error.</summary>
/// <param name="Value">The integral (+∞ when the integrand is +∞ somewhere it has mass, as KL is where q = 0 &lt; p).</param>
/// <param name="ErrorEstimate">An estimate of |Value − exact|: the sum over subintervals of |Kronrod − Gauss|, which
/// for smooth integrands overstates the true error (the 15-point Kronrod rule is far more accurate than the
/// 7-point Gauss rule it is compared with).</param>
/// <param name="Evaluations">How many times the integrand was evaluated.</param>
public sealed record QuadratureResult(double Value, double ErrorEstimate, int Evaluations);

/// <summary>
/// Adaptive Gauss–Kronrod quadrature (the 7/15-point pair of QUADPACK): integrate on each subinterval with both
/// rules, take their difference as the error, and keep bisecting the subinterval with the largest error until the
/// total error is below the tolerance. Used to compute KL and JS divergences from exact densities.
/// </summary>
public static class Quadrature
{
    // Kronrod 15-point nodes on [-1, 1] (non-negative half, descending) and weights; every other node is a
    // node of the 7-point Gauss rule, whose weights are GaussWeights (for the nodes at odd indices).
    private static readonly double[] Nodes =
    {
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
        0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000,
    };
    private static readonly double[] KronrodWeights =
    {
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
        0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    };
    private static readonly double[] GaussWeights =   // for Nodes[1], Nodes[3], Nodes[5], Nodes[7]
    {
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780, 0.381830050505118944950369775488975,
        0.417959183673469387755102040816327,
    };

    /// <summary>
    /// ∫ f(x) dx over [<paramref name="lo"/>, <paramref name="hi"/>], first split at <paramref name="breakpoints"/>
    /// (places where f jumps or has a kink). Stops when the error estimate is ≤ max(absTol, relTol·|value|) or after
    /// <paramref name="maxIntervals"/> subintervals.
    /// </summary>
    public static QuadratureResult Integrate(Func<double, double> f, double lo, double hi, IEnumerable<double>? breakpoints = null,
                                             double absTol = 1e-12, double relTol = 1e-10, int maxIntervals = 2000)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi)) throw new ArgumentException($"The interval must be finite; got [{lo}, {hi}].");
        if (hi < lo) throw new ArgumentException($"hi must be ≥ lo; got [{lo}, {hi}].");
        if (hi == lo) return new QuadratureResult(0, 0, 0);

        var cuts = new List<double> { lo };
        cuts.AddRange((breakpoints ?? Enumerable.Empty<double>()).Where(b => b > lo && b < hi).Distinct().OrderBy(b => b));
        cuts.Add(hi);

        var evaluations = 0;
        var pieces = new PriorityQueue<(double A, double B, double Value, double Error), double>();
        double total = 0, totalError = 0;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (v, e) = Rule(f, cuts[i], cuts[i + 1], ref evaluations);
            if (double.IsNaN(v) || double.IsInfinity(v)) return new QuadratureResult(v, double.NaN, evaluations);
            pieces.Enqueue((cuts[i], cuts[i + 1], v, e), -e);
            total += v;
            totalError += e;
        }

        while (totalError > Math.Max(absTol, relTol * Math.Abs(total)) && pieces.Count < maxIntervals)
        {
            var (a, b, v, e) = pieces.Dequeue();
            var mid = 0.5 * (a + b);
            if (mid <= a || mid >= b) { pieces.Enqueue((a, b, v, e), -e); break; }   // at machine precision: cannot do better
            var (v1, e1) = Rule(f, a, mid, ref evaluations);
            var (v2, e2) = Rule(f, mid, b, ref evaluations);
            if (double.IsNaN(v1 + v2) || double.IsInfinity(v1 + v2)) return new QuadratureResult(v1 + v2, double.NaN, evaluations);
            pieces.Enqueue((a, mid, v1, e1), -e1);
            pieces.Enqueue((mid, b, v2, e2), -e2);
            total += v1 + v2 - v;
            totalError += e1 + e2 - e;
        }

        // Re-add the pieces from scratch: the running sums above accumulate rounding over thousands of updates.
        double sum = 0, err = 0;
        foreach (var (_, _, v, e) in pieces.UnorderedItems.Select(x => x.Element)) { sum += v; err += e; }
        return new QuadratureResult(sum, err, evaluations);
    }

    /// <summary>
    /// ∫∫ f(x, y) dy dx over a rectangle, as an iterated integral: the outer adaptive rule in x integrates
    /// g(x) = ∫ f(x, y) dy, each computed by an inner adaptive rule in y. The error estimate adds the outer
    /// estimate and the integral over x of the inner estimates.
    /// </summary>
    public static QuadratureResult Integrate2D(Func<double, double, double> f, (double Lo, double Hi) x, (double Lo, double Hi) y,
                                               IEnumerable<double>? xBreakpoints = null, IEnumerable<double>? yBreakpoints = null,
                                               double absTol = 1e-10, double relTol = 1e-8, int maxIntervals = 500)
    {
        var yCuts = yBreakpoints?.ToArray();
        var innerEvaluations = 0;
        var innerErrors = new List<(double X, double Error)>();
        double Inner(double xv)
        {
            var r = Integrate(yv => f(xv, yv), y.Lo, y.Hi, yCuts, absTol / 10, relTol / 10, maxIntervals);
            innerEvaluations += r.Evaluations;
            innerErrors.Add((xv, r.ErrorEstimate));
            return r.Value;
        }
        var outer = Integrate(Inner, x.Lo, x.Hi, xBreakpoints, absTol, relTol, maxIntervals);
        // Inner errors were recorded at every outer node; an upper-bound style estimate of their integral is their
        // mean times the width of the x interval.
        var innerError = innerErrors.Count == 0 ? 0 : innerErrors.Average(e => e.Error) * (x.Hi - x.Lo);
        return new QuadratureResult(outer.Value, outer.ErrorEstimate + innerError, innerEvaluations);
    }

    private static (double Value, double Error) Rule(Func<double, double> f, double a, double b, ref int evaluations)
    {
        var centre = 0.5 * (a + b);
        var half = 0.5 * (b - a);
        var fc = f(centre);
        var kronrod = KronrodWeights[7] * fc;
        var gauss = GaussWeights[3] * fc;
        for (var i = 0; i < 7; i++)
        {
            var dx = half * Nodes[i];
            var pair = f(centre - dx) + f(centre + dx);
            kronrod += KronrodWeights[i] * pair;
            if (i % 2 == 1) gauss += GaussWeights[i / 2] * pair;
        }
        evaluations += 15;
        return (kronrod * half, Math.Abs(kronrod - gauss) * half);
    }
}
