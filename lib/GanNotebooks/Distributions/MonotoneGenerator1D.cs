using System.Globalization;
using GanNotebooks.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>
/// A frozen 1-D generator network whose output density is known exactly:
/// G(z) = a + b·z + Σ_k c_k·tanh(w_k·z + d_k), with z ~ N(0, 1) and b, c_k, w_k &gt; 0.
/// <para>
/// It is a one-hidden-layer tanh network plus a skip connection. The positivity constraints make G strictly
/// increasing (G′(z) = b + Σ_k c_k w_k (1 − tanh²(w_k z + d_k)) ≥ b &gt; 0), hence invertible, so the law p_g of
/// x = G(z) follows from the change of variables: p_g(x) = φ(z) / G′(z) with z = G⁻¹(x). This is what a real
/// generator is (a network pushing noise forward) in the one case where p_g can still be written down.
/// </para>
/// The parameters never train (requires_grad is false): chapter 1 studies the discriminator against a fixed G.
/// </summary>
public sealed class MonotoneGenerator1D : nn.Module<Tensor, Tensor>, IDistribution1D
{
    private readonly double _shift, _slope;
    private readonly double[] _c, _w, _d;
    private readonly Parameter shift, slope, outWeights, inWeights, inBiases;

    /// <summary>Creates G from explicit parameters.</summary>
    /// <param name="shift">a, the output offset.</param>
    /// <param name="slope">b &gt; 0, the slope of the skip connection; also the smallest slope G can have.</param>
    /// <param name="outWeights">c_k &gt; 0, the weight of each hidden unit in the output.</param>
    /// <param name="inWeights">w_k &gt; 0, the input weight of each hidden unit.</param>
    /// <param name="inBiases">d_k, the bias of each hidden unit (where its tanh bends).</param>
    public MonotoneGenerator1D(double shift, double slope, double[] outWeights, double[] inWeights, double[] inBiases)
        : base(nameof(MonotoneGenerator1D))
    {
        Require.Finite(shift);
        Require.Positive(slope);
        if (inWeights.Length != outWeights.Length || inBiases.Length != outWeights.Length)
            throw new ArgumentException("outWeights, inWeights and inBiases must have the same length.");
        Require.AllPositive(outWeights);
        Require.AllPositive(inWeights);
        Require.AllFinite(inBiases);
        (_shift, _slope, _c, _w, _d) = (shift, slope, outWeights.ToArray(), inWeights.ToArray(), inBiases.ToArray());

        Parameter Frozen(params double[] values) => new(Tensors.From(values), requires_grad: false);
        this.shift = Frozen(shift);
        this.slope = Frozen(slope);
        this.outWeights = Frozen(_c);
        this.inWeights = Frozen(_w);
        this.inBiases = Frozen(_d);
        RegisterComponents();
    }

    /// <summary>
    /// A generator with <paramref name="hidden"/> units drawn from <paramref name="seed"/> (with .NET's own
    /// generator, so TorchSharp's seed does not change it): a lopsided, multi-bump p_g typical of a half-trained
    /// generator.
    /// </summary>
    public static MonotoneGenerator1D Random(int seed, int hidden = 4, double shift = 0.0)
    {
        Require.AtLeast(hidden, 1);
        var rng = new Random(seed);
        double U(double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
        var c = Enumerable.Range(0, hidden).Select(_ => U(0.2, 1.0)).ToArray();
        var w = Enumerable.Range(0, hidden).Select(_ => U(1.0, 4.0)).ToArray();
        var d = Enumerable.Range(0, hidden).Select(_ => U(-2.5, 2.5)).ToArray();
        return new MonotoneGenerator1D(shift, U(0.2, 0.5), c, w, d);
    }

    /// <summary>G applied to noise z of shape [n, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        var hiddenOut = tanh(z * inWeights + inBiases) * outWeights;   // [n, K]: one column per hidden unit
        return shift + slope * z + hiddenOut.sum(1, keepdim: true);
    }

    /// <summary>G(z) in double precision (what <see cref="forward"/> computes in float32).</summary>
    public double Map(double z)
    {
        var g = _shift + _slope * z;
        for (var k = 0; k < _c.Length; k++) g += _c[k] * Math.Tanh(_w[k] * z + _d[k]);
        return g;
    }

    /// <summary>G′(z) = b + Σ_k c_k w_k (1 − tanh²(w_k z + d_k)), always ≥ b.</summary>
    public double Slope(double z)
    {
        var s = _slope;
        for (var k = 0; k < _c.Length; k++)
        {
            var t = Math.Tanh(_w[k] * z + _d[k]);
            s += _c[k] * _w[k] * (1 - t * t);
        }
        return s;
    }

    /// <summary>
    /// G⁻¹(x). Because |G(z) − a − bz| ≤ Σc, the root lies in [(x − a − Σc)/b, (x − a + Σc)/b]. Bisection
    /// (about 50 halvings, always converges, however steep the tanh units) narrows it to 1e-12, then one Newton
    /// step from the midpoint brings it to machine precision.
    /// </summary>
    public double Inverse(double x)
    {
        var sumC = _c.Sum();
        double lo = (x - _shift - sumC) / _slope, hi = (x - _shift + sumC) / _slope;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * Math.Max(1.0, Math.Abs(lo)); i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Map(mid) > x) hi = mid; else lo = mid;
        }
        var z = 0.5 * (lo + hi);
        var polished = z - (Map(z) - x) / Slope(z);
        return polished >= lo && polished <= hi ? polished : z;
    }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"G(z), z ~ N(0, 1), frozen monotone net with {_c.Length} tanh units");

    /// <inheritdoc />
    public double Density(double x) => Math.Exp(LogDensity(x));

    /// <summary>Change of variables: log p_g(x) = log φ(z) − log G′(z), z = G⁻¹(x).</summary>
    public double LogDensity(double x)
    {
        var z = Inverse(x);
        return Distribution1D.StandardNormalLogDensity(z) - Math.Log(Slope(z));
    }

    /// <summary>[G(−12), G(12)]: the noise mass outside ±12 is about 4e-33.</summary>
    public (double Lo, double Hi) Range => (Map(-12), Map(12));

    /// <inheritdoc />
    public IReadOnlyList<double> Breakpoints => Array.Empty<double>();

    /// <summary>Samples G(z) for n fresh noise draws z ~ N(0, 1).</summary>
    public Tensor Sample(int n, Device? device = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return forward(randn(n, 1, device: inWeights.device)).to(device ?? CPU).MoveToOuterDisposeScope();
    }
}
