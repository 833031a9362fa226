using System.Reflection;

namespace GanNotebooks.Display;

/// <summary>
/// Shows a value in whatever is running the notebook: a .NET Interactive kernel (VS Code, Jupyter, the headless
/// runner), or a plain console program.
/// </summary>
/// <remarks>
/// Notebook cells call the kernel's own <c>display(value)</c>. Library code (a self-check report that must
/// appear before it throws) cannot, because the library does not reference the kernel; it calls <see cref="Show"/>,
/// which finds the kernel's <c>display</c> by reflection when one is loaded.
/// </remarks>
public static class NotebookOutput
{
    /// <summary>Set by a host that collects displayed values itself (a test, a console program); null elsewhere.</summary>
    public static Action<object>? Sink { get; set; }

    private static readonly Lazy<(MethodInfo Display, PropertyInfo CurrentContext)?> Kernel = new(FindKernel);

    // The kernel's display works only inside a running cell (it writes to the cell's invocation context). The
    // kernel's assembly may also be loaded where no cell runs (a host's tests): then this is null.
    private static MethodInfo? KernelDisplay =>
        Kernel.Value is { } k && k.CurrentContext.GetValue(null) is not null ? k.Display : null;

    /// <summary>Displays <paramref name="value"/> as a separate output of the current cell.</summary>
    public static void Show(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Sink is { } sink)
        {
            sink(value);
            return;
        }

        if (KernelDisplay is { } display)
        {
            display.Invoke(null, new object?[] { value, Array.Empty<string>() });
            return;
        }

        Console.WriteLine(TextOf(value));
    }

    internal static string TextOf(object value) => value is Displayable d ? d.ToPlainText() : value.ToString() ?? "";

    private static (MethodInfo, PropertyInfo)? FindKernel()
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive");
        var display = assembly?.GetType("Microsoft.DotNet.Interactive.Kernel")?.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == "display" && m.GetParameters() is { Length: 2 } p
                                 && p[0].ParameterType == typeof(object) && p[1].ParameterType == typeof(string[]));
        var current = assembly?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext")
            ?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static);
        return display is not null && current is not null ? (display, current) : null;
    }
}
