namespace GanNotebooks.Runtime;

/// <summary>Checks of notebook parameters that fail with a message naming the parameter and what is allowed.</summary>
public static class Require
{
    /// <summary>Fails unless <paramref name="value"/> ≥ <paramref name="min"/>.</summary>
    public static int AtLeast(string name, int value, int min) =>
        value >= min ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ {min}; got {value}.");

    /// <summary>Fails unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static double Positive(string name, double value) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0; got {value}.");

    /// <summary>Fails unless <paramref name="value"/> lies in [min, max].</summary>
    public static double InRange(string name, double value, double min, double max) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}]; got {value}.");

    /// <summary>Fails unless <paramref name="value"/> is one of <paramref name="allowed"/>.</summary>
    public static string OneOf(string name, string value, params string[] allowed) =>
        allowed.Contains(value) ? value : throw new ArgumentException($"{name} must be one of {string.Join(", ", allowed)}; got \"{value}\".", name);
}
