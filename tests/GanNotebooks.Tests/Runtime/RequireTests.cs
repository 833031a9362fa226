using GanNotebooks.Runtime;

namespace GanNotebooks.Tests.Runtime;

/// <summary>The parameter checks name the argument themselves and say what is allowed.</summary>
public class RequireTests
{
    [Fact]
    public void A_failed_check_names_the_variable_passed_in()
    {
        var steps = 3;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Require.AtLeast(steps, 10));
        Assert.Equal("steps", e.ParamName);
        Assert.StartsWith("steps must be ≥ 10; got 3.", e.Message);
    }

    [Fact]
    public void The_name_is_the_whole_argument_expression()
    {
        var hidden = Array.Empty<int>();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Require.AtLeast(hidden.Length, 1));
        Assert.Equal("hidden.Length", e.ParamName);
    }

    [Fact]
    public void Passing_checks_return_the_value()
    {
        Assert.Equal(10, Require.AtLeast(10, 10));
        Assert.Equal(0.5, Require.Positive(0.5));
        Assert.Equal(3, Require.Positive(3));
        Assert.Equal(1.0, Require.InRange(1.0, 0, 1));
        Assert.Equal(0.0, Require.InRange(0.0, 0, 1));
        Assert.Equal("smoke", Require.OneOf("smoke", Preset.Names));
        Assert.Equal(-2.5, Require.Finite(-2.5));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-300)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Positive_rejects_zero_negative_nan_and_infinity(double learningRate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Require.Positive(learningRate));
        Assert.Equal("learningRate", e.ParamName);
        Assert.Contains("learningRate must be a finite number > 0", e.Message);
    }

    [Fact]
    public void Range_bounds_are_inclusive_and_nan_is_outside()
    {
        var rho = 1.0000001;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Require.InRange(rho, 0, 1));
        Assert.StartsWith("rho must be in [0, 1]; got 1.0000001.", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Require.InRange(double.NaN, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Require.AtLeast(double.NaN, 0));
    }

    [Fact]
    public void OneOf_lists_the_allowed_values_and_quotes_a_string()
    {
        var preset = "quick";
        var e = Assert.Throws<ArgumentException>(() => Require.OneOf(preset, Preset.Names));
        Assert.Equal("preset", e.ParamName);
        Assert.StartsWith("preset must be one of smoke, classroom, full; got \"quick\".", e.Message);
    }

    [Fact]
    public void Collection_checks_name_the_first_bad_element()
    {
        var noiseSigmas = new[] { 0.1, 0.0, -1 };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Require.AllPositive(noiseSigmas));
        Assert.Equal("noiseSigmas", e.ParamName);
        Assert.StartsWith("noiseSigmas[1] must be a finite number > 0; got 0.", e.Message);
        var means = new[] { 0.0, double.NaN };
        Assert.StartsWith("means[1] must be finite; got NaN.", Assert.Throws<ArgumentOutOfRangeException>(() => Require.AllFinite(means)).Message);
    }

    [Fact]
    public void Numbers_in_messages_do_not_depend_on_the_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var tolerance = -0.5;
            Assert.Contains("got -0.5.", Assert.Throws<ArgumentOutOfRangeException>(() => Require.Positive(tolerance)).Message);
        }
        finally { Thread.CurrentThread.CurrentCulture = previous; }
    }
}
