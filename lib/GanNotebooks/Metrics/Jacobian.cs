using TorchSharp;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>
/// The Jacobian of a vector field, computed by automatic differentiation: the matrix J with
/// J[i, j] = ∂vᵢ/∂wⱼ at a point w. Near a fixed point w* of gradient dynamics ẇ = v(w), the field behaves like
/// v(w) ≈ J·(w − w*), so the eigenvalues of J decide whether the dynamics spiral in, circle or spiral out.
/// </summary>
public static class Jacobian
{
    /// <summary>
    /// J[i, j] = ∂field(w)ᵢ / ∂wⱼ at <paramref name="point"/>, as an [m, n] tensor (float64 when the point is).
    /// </summary>
    /// <param name="field">A map from a vector of n numbers ([n]) to a vector of m numbers ([m]). It must be built
    /// from differentiable tensor operations on its argument. When the field itself is a gradient (the usual case
    /// in a game), compute that gradient with <c>autograd.grad(..., create_graph: true)</c> so that it can be
    /// differentiated a second time.</param>
    /// <param name="point">Where to evaluate the Jacobian: a 1-D tensor of n numbers (it is copied).</param>
    public static Tensor OfVectorField(Func<Tensor, Tensor> field, Tensor point)
    {
        if (point.dim() != 1) throw new ArgumentException($"point must be a vector [n]; got [{string.Join(",", point.shape)}].", nameof(point));
        using var scope = NewDisposeScope();
        var w = point.detach().clone().requires_grad_(true);
        var value = field(w);
        if (value.dim() != 1) throw new ArgumentException($"field must return a vector [m]; got [{string.Join(",", value.shape)}].", nameof(field));
        var rows = new List<Tensor>();
        for (var i = 0; i < value.shape[0]; i++)
        {
            // One reverse pass per output component: row i is the gradient of vᵢ with respect to w.
            var row = autograd.grad(new[] { value[i] }, new[] { w }, retain_graph: true, allow_unused: true)[0];
            rows.Add(row is null || row.IsInvalid ? zeros_like(w) : row.detach());
        }
        return stack(rows).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The same Jacobian by central differences, (field(w + h·eⱼ) − field(w − h·eⱼ)) / 2h column by column: an
    /// independent check of <see cref="OfVectorField"/> (error O(h²) for a smooth field).
    /// </summary>
    public static Tensor ByCentralDifferences(Func<Tensor, Tensor> field, Tensor point, double h = 1e-5)
    {
        if (point.dim() != 1) throw new ArgumentException($"point must be a vector [n]; got [{string.Join(",", point.shape)}].", nameof(point));
        if (!(h > 0) || !double.IsFinite(h)) throw new ArgumentOutOfRangeException(nameof(h), h, "h must be finite and > 0.");
        using var scope = NewDisposeScope();
        var w = point.detach();
        var columns = new List<Tensor>();
        for (var j = 0; j < w.shape[0]; j++)
        {
            var step = zeros_like(w);
            step[j] = h;
            columns.Add(((field(w + step).detach() - field(w - step).detach()) / (2 * h)));
        }
        return stack(columns, 1).MoveToOuterDisposeScope();
    }
}
