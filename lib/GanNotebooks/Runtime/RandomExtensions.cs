namespace GanNotebooks.Runtime;

/// <summary>Draws from .NET's own <see cref="Random"/>, for the library's fixed random objects (a manifold's map,
/// a sliced distance's directions) that must not consume TorchSharp's seeded random numbers.</summary>
internal static class RandomExtensions
{
    /// <summary>A standard normal draw by the Box–Muller transform: √(−2 ln(1 − u₁)) · cos(2π u₂) for two uniforms.</summary>
    public static double NextStandardNormal(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
