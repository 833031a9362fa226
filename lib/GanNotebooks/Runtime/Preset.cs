namespace GanNotebooks.Runtime;

/// <summary>
/// The named run sizes of every notebook: <c>smoke</c> (seconds, what the tests run), <c>classroom</c>
/// (a few minutes on a 2-core laptop CPU, what the committed outputs show) and <c>full</c> (GPU quality).
/// </summary>
public static class Preset
{
    /// <summary>The preset names, in increasing size.</summary>
    public static readonly string[] Names = { "smoke", "classroom", "full" };

    /// <summary>Picks the value for <paramref name="preset"/>; fails with the list of presets otherwise.</summary>
    public static T Choose<T>(string preset, T smoke, T classroom, T full) => preset switch
    {
        "smoke" => smoke,
        "classroom" => classroom,
        "full" => full,
        _ => throw new ArgumentException($"preset must be one of {string.Join(", ", Names)}; got \"{preset}\".", nameof(preset)),
    };
}
