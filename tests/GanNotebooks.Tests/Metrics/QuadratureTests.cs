using GanNotebooks.Metrics;

namespace GanNotebooks.Tests.Metrics;

public class QuadratureTests
{
    [Fact]
    public void Smooth_integrals_match_their_closed_forms()
    {
        var sin = Quadrature.Integrate(Math.Sin, 0, Math.PI);
        Assert.Equal(2.0, sin.Value, 12);
        var exp = Quadrature.Integrate(Math.Exp, 0, 1);
        Assert.Equal(Math.E - 1, exp.Value, 12);
        var gauss = Quadrature.Integrate(x => Math.Exp(-x * x / 2), -40, 40);   // a narrow peak on a wide interval
        Assert.Equal(Math.Sqrt(2 * Math.PI), gauss.Value, 11);
    }

    [Fact]
    public void Error_estimate_bounds_the_actual_error_of_a_hard_integrand()
    {
        // √x has an infinite derivative at 0; with a loose tolerance the result is inexact, and the estimate must cover it.
        var r = Quadrature.Integrate(Math.Sqrt, 0, 1, absTol: 1e-6, relTol: 0);
        var actual = Math.Abs(r.Value - 2.0 / 3);
        Assert.True(actual <= r.ErrorEstimate, $"actual error {actual:E2} > estimate {r.ErrorEstimate:E2}");
        Assert.True(r.ErrorEstimate <= 1e-6);
    }

    [Fact]
    public void Breakpoints_make_a_step_function_exact()
    {
        var r = Quadrature.Integrate(x => x < 0.3 ? 1.0 : 5.0, 0, 1, new[] { 0.3 });
        Assert.Equal(0.3 + 5 * 0.7, r.Value, 13);
        Assert.True(r.ErrorEstimate < 1e-13);
    }

    [Fact]
    public void An_infinite_integrand_gives_an_infinite_integral()
    {
        Assert.True(double.IsPositiveInfinity(Quadrature.Integrate(x => x > 0.5 ? double.PositiveInfinity : 1, 0, 1).Value));
    }

    [Fact]
    public void Double_integral_matches_its_closed_form()
    {
        // ∫₀² ∫₋₁³ x² y e^{−y²} dy dx = (8/3)·(e^{−1} − e^{−9})/2
        var r = Quadrature.Integrate2D((x, y) => x * x * y * Math.Exp(-y * y), (0, 2), (-1, 3));
        Assert.Equal(8.0 / 3 * (Math.Exp(-1) - Math.Exp(-9)) / 2, r.Value, 9);
        Assert.True(r.ErrorEstimate < 1e-7);
    }
}
