namespace GanNotebooks.Runner.Bench;

/// <summary>The few statistics the bench reports.</summary>
public static class Stats
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) throw new ArgumentException("no values", nameof(values));
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    /// <summary>"median (min–max)" with the given format, or the median alone for one value.</summary>
    public static string Spread(IReadOnlyCollection<double> values, string format) =>
        values.Count == 1 ? values.First().ToString(format, Inv) : $"{Median(values).ToString(format, Inv)} ({values.Min().ToString(format, Inv)}–{values.Max().ToString(format, Inv)})";

    /// <summary>Mebibytes, for memory columns.</summary>
    public static string MiB(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", Inv);

    /// <summary>The invariant culture: the bench's numbers read the same on every machine.</summary>
    public static readonly IFormatProvider Inv = System.Globalization.CultureInfo.InvariantCulture;
}
