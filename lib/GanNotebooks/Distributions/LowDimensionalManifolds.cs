using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Distributions;

/// <summary>
/// A circle in the plane: a 1-D manifold of a 2-D space, the smallest picture of "data on a
/// low-dimensional manifold".
/// </summary>
public sealed class Circle
{
    /// <summary>Creates the circle of <paramref name="radius"/> around (<paramref name="centreX"/>, <paramref name="centreY"/>).</summary>
    public Circle(double radius = 1.0, double centreX = 0, double centreY = 0)
    {
        Require.Positive(radius);
        Radius = radius;
        CentreX = centreX;
        CentreY = centreY;
    }

    /// <summary>The radius.</summary>
    public double Radius { get; }

    /// <summary>The centre's x coordinate.</summary>
    public double CentreX { get; }

    /// <summary>The centre's y coordinate.</summary>
    public double CentreY { get; }

    /// <summary>Draws n points uniformly on the circle as a [n, 2] float32 tensor. Seed with <c>Seeds.Set</c>.</summary>
    public Tensor Sample(int n, Device? device = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        return At(2 * Math.PI * rand(n), device).MoveToOuterDisposeScope();
    }

    /// <summary>The points at the given angles (radians), [n] → [n, 2].</summary>
    public Tensor At(Tensor angles, Device? device = null)
    {
        using var scope = NewDisposeScope();
        var a = angles.to_type(float32).reshape(-1, 1);
        var x = cat(new[] { CentreX + Radius * cos(a), CentreY + Radius * sin(a) }, 1);
        return x.to(device ?? CPU).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// A curved k-dimensional manifold embedded in a D-dimensional space: x = f(z) for z uniform in [−1, 1]^k,
/// where f is a fixed, smooth, random map (a one-hidden-layer tanh network with weights drawn once from
/// <see cref="Seed"/>). With k much smaller than D it plays the role of natural data, which has few degrees
/// of freedom but many coordinates.
/// </summary>
public sealed class EmbeddedManifold
{
    private readonly float[] _w1, _b1, _w2;

    /// <summary>Creates the manifold; the same seed always gives the same map.</summary>
    /// <param name="intrinsicDim">k, the number of degrees of freedom.</param>
    /// <param name="ambientDim">D, the number of coordinates.</param>
    /// <param name="hidden">Width of the hidden tanh layer of f; more makes the manifold more curved.</param>
    /// <param name="seed">Seed of the map's weights (independent of TorchSharp's generator).</param>
    public EmbeddedManifold(int intrinsicDim, int ambientDim, int hidden = 32, int seed = 1234)
    {
        Require.AtLeast(intrinsicDim, 1);
        if (ambientDim <= intrinsicDim) throw new ArgumentOutOfRangeException(nameof(ambientDim), ambientDim, "ambientDim must be larger than intrinsicDim.");
        Require.AtLeast(hidden, 1);
        IntrinsicDim = intrinsicDim;
        AmbientDim = ambientDim;
        Seed = seed;
        var rng = new Random(seed);
        float Normal() => (float)rng.NextStandardNormal();
        // Scales chosen so that the hidden units are in tanh's curved range and every coordinate of x has
        // spread of order 1.
        _w1 = Enumerable.Range(0, intrinsicDim * hidden).Select(_ => 2f * Normal()).ToArray();
        _b1 = Enumerable.Range(0, hidden).Select(_ => Normal()).ToArray();
        _w2 = Enumerable.Range(0, hidden * ambientDim).Select(_ => Normal() / (float)Math.Sqrt(hidden)).ToArray();
        Hidden = hidden;
    }

    /// <summary>k, the dimension of the manifold.</summary>
    public int IntrinsicDim { get; }

    /// <summary>D, the dimension of the space around it.</summary>
    public int AmbientDim { get; }

    /// <summary>Width of f's hidden layer.</summary>
    public int Hidden { get; }

    /// <summary>The seed of f's weights.</summary>
    public int Seed { get; }

    /// <summary>f(z) for a [n, k] tensor of coordinates: a [n, D] float32 tensor on z's device.</summary>
    public Tensor Map(Tensor z)
    {
        if (z.dim() != 2 || z.shape[1] != IntrinsicDim)
            throw new ArgumentException($"z must be [n, {IntrinsicDim}]; got [{string.Join(", ", z.shape)}].", nameof(z));
        using var scope = NewDisposeScope();
        var w1 = Tensors.From(_w1, device: z.device).reshape(IntrinsicDim, Hidden);
        var b1 = Tensors.From(_b1, device: z.device);
        var w2 = Tensors.From(_w2, device: z.device).reshape(Hidden, AmbientDim);
        return tanh(z.to_type(float32).matmul(w1) + b1).matmul(w2).MoveToOuterDisposeScope();
    }

    /// <summary>Draws n points (z uniform in [−1, 1]^k) as a [n, D] float32 tensor. Seed with <c>Seeds.Set</c>.</summary>
    public Tensor Sample(int n, Device? device = null)
    {
        Require.AtLeast(n, 1);
        using var scope = NewDisposeScope();
        var z = 2 * rand(n, IntrinsicDim, device: device ?? CPU) - 1;
        return Map(z).MoveToOuterDisposeScope();
    }
}
