using System.Reflection;

namespace GanNotebooks.Display;

/// <summary>
/// Shows a value in whatever is running the notebook: the headless runner, a .NET Interactive kernel,
/// or a plain console program.
/// </summary>
/// <remarks>
/// Notebook cells call the kernel's own <c>display(value)</c>. Library code (a self-check report that must
/// appear before it throws, for example) cannot, because the library does not reference the kernel; it
/// calls <see cref="Show"/>, which finds the kernel's <c>display</c> by reflection when one is loaded.
/// </remarks>
public static class NotebookOutput
{
    /// <summary>Set by a host (the headless runner) to receive displayed values. Null elsewhere.</summary>
    public static Action<object>? Sink { get; set; }

    private static readonly Lazy<MethodInfo?> KernelDisplay = new(FindKernelDisplay);

    /// <summary>Displays <paramref name="value"/> as a separate output of the current cell.</summary>
    public static void Show(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Sink is { } sink)
        {
            sink(value);
            return;
        }

        if (KernelDisplay.Value is { } display)
        {
            display.Invoke(null, new object?[] { value, Array.Empty<string>() });
            return;
        }

        Console.WriteLine(value is Displayable d ? d.ToPlainText() : value.ToString());
    }

    private static MethodInfo? FindKernelDisplay()
    {
        var kernelType = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == "Microsoft.DotNet.Interactive")
            .Select(a => a.GetType("Microsoft.DotNet.Interactive.Kernel"))
            .FirstOrDefault(t => t is not null);
        return kernelType?.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == "display" && m.GetParameters() is { Length: 2 } p
                                 && p[0].ParameterType == typeof(object) && p[1].ParameterType == typeof(string[]));
    }
}
