using static TorchSharp.torch;

namespace GanNotebooks.Runtime;

/// <summary>
/// Moving numbers between .NET arrays and tensors: arrays in for grids and hand-made inputs, arrays out for
/// plots, tables and checks.
/// </summary>
/// <remarks>
/// Every tensor made here is a copy: changing the array afterwards does not change the tensor (TorchSharp's
/// <c>from_array</c> alone shares the array's memory when no conversion is needed). Every array returned is a
/// copy too. In a notebook cell these helpers also keep the C# compiler away from TorchSharp's <c>tensor(...)</c>
/// overloads, whose mention of <c>System.Numerics.Complex</c> makes the .NET Interactive kernel print warning
/// CS1701.
/// </remarks>
/// <example>
/// <code>
/// var grid = Tensors.Column(xs, device: device);            // [n, 1] float32, ready for a 1-D discriminator
/// var logits = discriminator.forward(grid).ToDoubles();      // back to double[] for a Figure
/// var points = Tensors.Rows(from y in axis from x in axis select new[] { x, y }, device: device);   // [n², 2]
/// </code>
/// </example>
public static class Tensors
{
    /// <summary>A 1-D tensor [n] holding <paramref name="values"/>, converted to <paramref name="dtype"/>, on <paramref name="device"/> (CPU when null).</summary>
    public static Tensor From(IEnumerable<double> values, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Copy(values as double[] ?? values.ToArray(), dtype, device);

    /// <summary>A 1-D tensor [n] holding <paramref name="values"/>, converted to <paramref name="dtype"/>, on <paramref name="device"/> (CPU when null).</summary>
    public static Tensor From(IEnumerable<float> values, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Copy(values as float[] ?? values.ToArray(), dtype, device);

    /// <summary>A column [n, 1]: one sample per row, the shape a network with one input expects.</summary>
    public static Tensor Column(IEnumerable<double> values, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var array = values as double[] ?? values.ToArray();
        using var flat = Copy(array, dtype, device);
        return flat.reshape(array.Length, 1);
    }

    /// <summary>A matrix [n, d] whose row i is <paramref name="rows"/>[i] (every row of the same length d ≥ 1).</summary>
    /// <exception cref="ArgumentException">No rows, or rows of different lengths.</exception>
    public static Tensor Rows(IEnumerable<IReadOnlyList<double>> rows, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var list = rows.ToList();
        if (list.Count == 0) throw new ArgumentException("rows is empty: a matrix needs at least one row.", nameof(rows));
        var width = list[0].Count;
        if (width == 0) throw new ArgumentException("rows must have at least one column.", nameof(rows));
        var flat = new double[list.Count * width];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Count != width)
                throw new ArgumentException($"every row must have {width} values; row {i} has {list[i].Count}.", nameof(rows));
            for (var j = 0; j < width; j++) flat[i * width + j] = list[i][j];
        }
        using var vector = Copy(flat, dtype, device);
        return vector.reshape(list.Count, width);
    }

    /// <summary>A 0-dimensional tensor holding one number (for a parameter such as θ that autograd should track).</summary>
    public static Tensor Scalar(double value, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        full(Array.Empty<long>(), value, dtype: dtype, device: device ?? CPU);

    /// <summary>
    /// Every element of <paramref name="tensor"/> as a double, in row-major order (any shape, dtype and device;
    /// the tensor is not changed and no gradient is recorded). <c>points[.., 0].ToDoubles()</c> gives a column.
    /// </summary>
    public static double[] ToDoubles(this Tensor tensor)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return tensor.detach().cpu().to_type(ScalarType.Float64).contiguous().flatten().data<double>().ToArray();
    }

    private static Tensor Copy(Array values, ScalarType dtype, Device? device)
    {
        // from_array shares the array's memory; the copy below owns its own.
        using var shared = from_array(values);
        return shared.to(dtype, device ?? CPU, copy: true);
    }
}
