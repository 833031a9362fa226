using GanNotebooks.Metrics;

namespace GanNotebooks.Tests.Metrics;

/// <summary>The statistics against examples worked by hand and exact cases.</summary>
public class StatisticsTests
{
    [Fact]
    public void Mean_and_spreads_of_a_textbook_example()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32.
        var v = new[] { 2.0, 4, 4, 4, 5, 5, 7, 9 };
        Assert.Equal(5.0, Statistics.Mean(v), 15);
        Assert.Equal(2.0, Statistics.PopulationStandardDeviation(v), 15);       // √(32/8)
        Assert.Equal(Math.Sqrt(32.0 / 7), Statistics.StandardDeviation(v), 15); // √(32/7)
    }

    [Fact]
    public void Median_of_odd_and_even_counts()
    {
        Assert.Equal(3.0, Statistics.Median(new[] { 5.0, 1, 3 }));
        Assert.Equal(2.5, Statistics.Median(new[] { 4.0, 1, 3, 2 }));
        Assert.Throws<ArgumentException>(() => Statistics.Median(Array.Empty<double>()));
    }

    [Fact]
    public void Line_fit_of_a_hand_worked_example()
    {
        // x̄ = 2.5, ȳ = 3.75; Sxy = 3.5, Sxx = 5, Syy = 4.75. Slope 3.5/5 = 0.7, intercept 3.75 − 0.7·2.5 = 2,
        // R² = Sxy²/(Sxx·Syy) = 12.25/23.75 and Pearson = 3.5/√23.75.
        var x = new[] { 1.0, 2, 3, 4 };
        var y = new[] { 2.0, 4, 5, 4 };
        var fit = Statistics.FitLine(x, y);
        Assert.Equal(0.7, fit.Slope, 14);
        Assert.Equal(2.0, fit.Intercept, 14);
        Assert.Equal(12.25 / 23.75, fit.RSquared, 14);
        Assert.Equal(3.5 / Math.Sqrt(23.75), Statistics.Pearson(x, y), 14);
        Assert.Equal(4.8, fit.At(4), 14);
    }

    [Fact]
    public void Points_on_a_line_are_fitted_exactly()
    {
        var x = Enumerable.Range(-5, 11).Select(i => i * 0.3).ToArray();
        var up = x.Select(v => 3 * v - 1).ToArray();
        var fit = Statistics.FitLine(x, up);
        Assert.Equal(3.0, fit.Slope, 12);
        Assert.Equal(-1.0, fit.Intercept, 12);
        Assert.Equal(1.0, fit.RSquared, 12);
        Assert.Equal(1.0, Statistics.Pearson(x, up), 12);
        Assert.Equal(-1.0, Statistics.Pearson(x, x.Select(v => -2 * v).ToArray()), 12);
    }

    [Fact]
    public void R_squared_of_a_least_squares_line_is_the_squared_correlation()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var y = x.Select(v => 0.5 * v + random.NextDouble()).ToArray();
        Assert.Equal(Math.Pow(Statistics.Pearson(x, y), 2), Statistics.FitLine(x, y).RSquared, 12);
    }

    [Fact]
    public void Undefined_cases_say_so()
    {
        Assert.True(double.IsNaN(Statistics.Pearson(new[] { 1.0, 2, 3 }, new[] { 4.0, 4, 4 })));
        Assert.True(double.IsNaN(Statistics.FitLine(new[] { 1.0, 2, 3 }, new[] { 4.0, 4, 4 }).RSquared));
        Assert.Throws<ArgumentException>(() => Statistics.FitLine(new[] { 1.0, 1 }, new[] { 2.0, 3 }));
        Assert.Throws<ArgumentException>(() => Statistics.Pearson(new[] { 1.0, 2 }, new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => Statistics.StandardDeviation(new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => Statistics.Mean(Array.Empty<double>()));
    }
}
