using static TorchSharp.torch;

namespace GanNotebooks.Models;

/// <summary>Facts about any network, whatever its class.</summary>
public static class ModuleExtensions
{
    /// <summary>The number of numbers the network learns: the elements of all its parameters (weights and biases),
    /// frozen ones included.</summary>
    /// <example><code>Console.WriteLine($"D has {discriminator.ParameterCount():N0} parameters");</code></example>
    public static long ParameterCount(this nn.Module module) => module.parameters().Sum(p => p.numel());
}
