namespace GanNotebooks.Metrics;

/// <summary>A least-squares line y ≈ Slope·x + Intercept and how much of y's variation it explains.</summary>
/// <param name="Slope">a in y ≈ a·x + b.</param>
/// <param name="Intercept">b in y ≈ a·x + b.</param>
/// <param name="RSquared">R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²: 1 when the points lie on the line, 0 when the line
/// explains nothing (for a least-squares line it equals the squared Pearson correlation); NaN when y is constant.</param>
public sealed record LineFit(double Slope, double Intercept, double RSquared)
{
    /// <summary>The line's value at <paramref name="x"/>.</summary>
    public double At(double x) => Slope * x + Intercept;
}

/// <summary>
/// The few statistics the chapters report about lists of measurements: mean, spread, median, correlation and a
/// straight-line fit. Two passes over the data (centre first, then sum), which keeps the rounding error small.
/// </summary>
public static class Statistics
{
    /// <summary>The arithmetic mean.</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Mean(IReadOnlyList<double> values)
    {
        RequireValues(values, 1, nameof(values));
        return values.Sum() / values.Count;
    }

    /// <summary>The sample standard deviation √(Σ(x − x̄)² / (n − 1)): the spread of a few repeated measurements
    /// (seeds, runs), with Bessel's n − 1 so that its square estimates the variance without bias.</summary>
    /// <exception cref="ArgumentException">Fewer than two values.</exception>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        RequireValues(values, 2, nameof(values));
        return Math.Sqrt(SumOfSquares(values, Mean(values)) / (values.Count - 1));
    }

    /// <summary>The population standard deviation √(Σ(x − x̄)² / n): the spread of the values themselves (for
    /// example of 20,000 samples of a generator, compared with the σ of the data).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double PopulationStandardDeviation(IReadOnlyList<double> values)
    {
        RequireValues(values, 1, nameof(values));
        return Math.Sqrt(SumOfSquares(values, Mean(values)) / values.Count);
    }

    /// <summary>The median: the middle value, or the mean of the two middle values for an even count.</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        RequireValues(sorted, 1, nameof(values));
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }

    /// <summary>
    /// The Pearson correlation Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²), in [−1, 1]: ±1 when y is an exact
    /// increasing or decreasing linear function of x, near 0 when they are not linearly related; NaN when either
    /// list is constant.
    /// </summary>
    /// <exception cref="ArgumentException">Lists of different lengths, or fewer than two pairs.</exception>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequirePairs(x, y);
        double mx = Mean(x), my = Mean(y);
        var denominator = Math.Sqrt(SumOfSquares(x, mx) * SumOfSquares(y, my));
        return denominator == 0 ? double.NaN : Math.Clamp(CrossSum(x, mx, y, my) / denominator, -1, 1);
    }

    /// <summary>The least-squares line through the points (x[i], y[i]) and its R².</summary>
    /// <exception cref="ArgumentException">Lists of different lengths, fewer than two pairs, or all x equal (no slope).</exception>
    public static LineFit FitLine(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequirePairs(x, y);
        double mx = Mean(x), my = Mean(y);
        var sxx = SumOfSquares(x, mx);
        if (sxx == 0) throw new ArgumentException("all x are equal: a line through them has no slope.", nameof(x));
        var slope = CrossSum(x, mx, y, my) / sxx;
        var intercept = my - slope * mx;
        var residual = 0.0;
        for (var i = 0; i < x.Count; i++) residual += Math.Pow(y[i] - (slope * x[i] + intercept), 2);
        var total = SumOfSquares(y, my);
        return new LineFit(slope, intercept, total == 0 ? double.NaN : 1 - residual / total);
    }

    private static double SumOfSquares(IReadOnlyList<double> values, double mean) => values.Sum(v => (v - mean) * (v - mean));

    private static double CrossSum(IReadOnlyList<double> x, double mx, IReadOnlyList<double> y, double my)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Count; i++) sum += (x[i] - mx) * (y[i] - my);
        return sum;
    }

    private static void RequireValues(IReadOnlyCollection<double> values, int least, string name)
    {
        if (values.Count < least)
            throw new ArgumentException($"{name} needs at least {least} value{(least == 1 ? "" : "s")}; got {values.Count}.", name);
    }

    private static void RequirePairs(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.");
        RequireValues(x, 2, nameof(x));
    }
}
