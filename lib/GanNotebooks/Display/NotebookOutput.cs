using System.Reflection;

namespace GanNotebooks.Display;

/// <summary>
/// Shows a value in whatever is running the notebook: a .NET Interactive kernel (VS Code, Jupyter), the headless
/// runner, or a plain console program.
/// </summary>
/// <remarks>
/// Notebook cells call the kernel's own <c>display(value)</c>. Library code (a self-check report that must
/// appear before it throws, a progress display) cannot, because the library does not reference the kernel; it
/// calls <see cref="Show"/> or <see cref="Live"/>, which find the kernel's <c>display</c> by reflection when one is
/// loaded.
/// </remarks>
public static class NotebookOutput
{
    /// <summary>Set by a host that collects displayed values itself (the headless runner); null elsewhere. Such a
    /// host cannot replace an output, so a <see cref="Live"/> output reaches it once, in its final state.</summary>
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

    /// <summary>
    /// Starts an output that can be replaced while the cell runs (a progress display). In a kernel that honours
    /// updates (VS Code, a host that runs the kernel in-process) it is one output updated in place, so only its
    /// last state stays in the saved notebook. In Jupyter (see <see cref="UpdatesAreLost"/>) and in a console each
    /// state is printed on its own line; a <see cref="Sink"/> host receives only the final state.
    /// </summary>
    internal static LiveOutput Live(object initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (Sink is { } sink) return new LiveOutput(null, null, sink, null);
        if (KernelDisplay is { } display && !UpdatesAreLost)
        {
            var displayed = display.Invoke(null, new object?[] { initial, Array.Empty<string>() });
            var update = displayed?.GetType().GetMethod("Update", new[] { typeof(object) });
            if (displayed is not null && update is not null) return new LiveOutput(displayed, update, null, initial);
            return new LiveOutput(null, null, null, initial);   // a kernel without updates: the first state stays
        }
        Console.WriteLine(TextOf(initial));
        return new LiveOutput(null, null, null, initial) { PrintsToConsole = true };
    }

    /// <summary>
    /// True in a kernel started for Jupyter (<c>dotnet interactive jupyter</c>). Measured with kernel 1.0.712001: it sends
    /// a displayed value's updates under a different display id than the value itself, so Jupyter drops them and the
    /// first state would stay on screen. There a live output falls back to printed lines, as in a console.
    /// </summary>
    private static bool UpdatesAreLost { get; } = Environment.GetCommandLineArgs().Contains("jupyter");

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

/// <summary>An output started by <see cref="NotebookOutput.Live"/>: replace it while work runs, then complete it.</summary>
internal sealed class LiveOutput
{
    private readonly object? _displayed;
    private readonly MethodInfo? _update;
    private readonly Action<object>? _sink;
    private object? _shown;

    internal LiveOutput(object? displayed, MethodInfo? update, Action<object>? sink, object? shown) =>
        (_displayed, _update, _sink, _shown) = (displayed, update, sink, sink is null ? shown : null);

    internal bool PrintsToConsole { get; init; }

    /// <summary>True when an update replaces the shown output (a kernel); false when each one is printed anew (a
    /// console) or only the final state is kept (the headless runner).</summary>
    public bool UpdatesInPlace => _update is not null;

    // True once Complete has been called.
    private bool _complete;

    /// <summary>Replaces the output with <paramref name="value"/> (a no-op for a host that keeps only the final state).</summary>
    public void Update(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_complete) return;
        Replace(value);
    }

    /// <summary>Shows the final state; later calls to <see cref="Update"/> and <see cref="Complete"/> change nothing.</summary>
    public void Complete(object final)
    {
        ArgumentNullException.ThrowIfNull(final);
        if (_complete) return;
        _complete = true;
        if (_sink is not null) _sink(final);
        else Replace(final);
    }

    private void Replace(object value)
    {
        if (ReferenceEquals(value, _shown)) return;
        _shown = value;
        if (_update is not null) _update.Invoke(_displayed, new[] { value });
        else if (PrintsToConsole) Console.WriteLine(NotebookOutput.TextOf(value));
    }
}
