using GanNotebooks.Runtime;

namespace GanNotebooks.Training;

/// <summary>Which steps of a long run to measure at.</summary>
public static class Schedules
{
    /// <summary>
    /// Integers from 1 to <paramref name="last"/>, spaced evenly on a log scale with about
    /// <paramref name="perDecade"/> per factor of 10, always including 1 and <paramref name="last"/>: the
    /// iterations at which to measure something that changes over orders of magnitude.
    /// </summary>
    public static int[] LogSpaced(int last, int perDecade = 6)
    {
        Require.AtLeast(last, 1);
        Require.AtLeast(perDecade, 1);
        var count = (int)Math.Ceiling(Math.Log10(last) * perDecade) + 1;
        return Enumerable.Range(0, count)
            .Select(i => (int)Math.Round(Math.Pow(last, count == 1 ? 0 : (double)i / (count - 1))))
            .Append(1).Append(last).Distinct().OrderBy(k => k).ToArray();
    }
}
