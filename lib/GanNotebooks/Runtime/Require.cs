using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GanNotebooks.Runtime;

/// <summary>
/// Checks of notebook parameters that fail with a message naming the parameter and what is allowed.
/// </summary>
/// <remarks>
/// The name in the message is the text of the argument itself, filled in by the compiler
/// (<see cref="CallerArgumentExpressionAttribute"/>): <c>Require.AtLeast(steps, 10)</c> fails with
/// "steps must be ≥ 10; got 3." Each check returns the value, so it can also guard an expression in place.
/// </remarks>
/// <example>
/// <code>
/// Require.AtLeast(steps, 10);
/// Require.Positive(learningRate);
/// Require.InRange(finalLearningRate, 1e-8, learningRate);
/// Require.OneOf(preset, Preset.Names);
/// </code>
/// </example>
public static class Require
{
    /// <summary>Fails unless <paramref name="value"/> ≥ <paramref name="min"/> (NaN fails).</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="name">Filled in by the compiler with the text of <paramref name="value"/>.</param>
    public static T AtLeast<T>(T value, T min, [CallerArgumentExpression(nameof(value))] string name = "")
        where T : INumber<T> =>
        value >= min ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ {Text(min)}; got {Text(value)}.");

    /// <summary>Fails unless <paramref name="value"/> is finite and &gt; 0.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">Filled in by the compiler with the text of <paramref name="value"/>.</param>
    public static T Positive<T>(T value, [CallerArgumentExpression(nameof(value))] string name = "")
        where T : INumber<T> =>
        T.IsFinite(value) && value > T.Zero
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0; got {Text(value)}.");

    /// <summary>Fails unless every value is finite and &gt; 0; the message names the first one that is not.</summary>
    /// <param name="values">The values to check (for example a list of noise levels).</param>
    /// <param name="name">Filled in by the compiler with the text of <paramref name="values"/>.</param>
    public static IReadOnlyList<T> AllPositive<T>(IReadOnlyList<T> values, [CallerArgumentExpression(nameof(values))] string name = "")
        where T : INumber<T>
    {
        for (var i = 0; i < values.Count; i++)
            if (!(T.IsFinite(values[i]) && values[i] > T.Zero))
                throw new ArgumentOutOfRangeException(name, values[i], $"{name}[{i}] must be a finite number > 0; got {Text(values[i])}.");
        return values;
    }

    /// <summary>Fails unless <paramref name="value"/> is a finite number (not NaN, not ±∞).</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="name">Filled in by the compiler with the text of <paramref name="value"/>.</param>
    public static T Finite<T>(T value, [CallerArgumentExpression(nameof(value))] string name = "")
        where T : INumber<T> =>
        T.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite; got {Text(value)}.");

    /// <summary>Fails unless every value is finite; the message names the first one that is not.</summary>
    /// <param name="values">The values to check.</param>
    /// <param name="name">Filled in by the compiler with the text of <paramref name="values"/>.</param>
    public static IReadOnlyList<T> AllFinite<T>(IReadOnlyList<T> values, [CallerArgumentExpression(nameof(values))] string name = "")
        where T : INumber<T>
    {
        for (var i = 0; i < values.Count; i++)
            if (!T.IsFinite(values[i]))
                throw new ArgumentOutOfRangeException(name, values[i], $"{name}[{i}] must be finite; got {Text(values[i])}.");
        return values;
    }

    /// <summary>Fails unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>] (NaN fails).</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="name">Filled in by the compiler with the text of <paramref name="value"/>.</param>
    public static T InRange<T>(T value, T min, T max, [CallerArgumentExpression(nameof(value))] string name = "")
        where T : INumber<T> =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{Text(min)}, {Text(max)}]; got {Text(value)}.");

    /// <summary>Fails unless <paramref name="value"/> is one of <paramref name="allowed"/>.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="allowed">The values allowed, for example <c>Preset.Names</c> or <c>new[] { "a", "b" }</c>.</param>
    /// <param name="name">Filled in by the compiler with the text of <paramref name="value"/>.</param>
    public static T OneOf<T>(T value, IReadOnlyCollection<T> allowed, [CallerArgumentExpression(nameof(value))] string name = "") =>
        allowed.Contains(value)
            ? value
            : throw new ArgumentException($"{name} must be one of {string.Join(", ", allowed.Select(a => Text(a)))}; got {Quoted(value)}.", name);

    private static string Text<T>(T value) => value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "null";

    private static string Quoted<T>(T value) => value is string s ? $"\"{s}\"" : Text(value);
}
