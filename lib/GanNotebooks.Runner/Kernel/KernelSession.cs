using System.Reflection;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace GanNotebooks.Runner.Kernel;

/// <summary>
/// One .NET Interactive C# kernel, configured as the dotnet-interactive tool configures the kernel behind
/// VS Code and Jupyter (<c>#r "nuget: ..."</c>, the kernel helpers such as <c>display</c>, <c>#!who</c>, value
/// sharing, HTML as the default output format), hosted in this process. One session runs one notebook.
/// </summary>
/// <remarks>
/// What the tool adds on top and the runner does not: the Jupyter-only magic commands (<c>#!time</c>,
/// <c>#!lsmagic</c>), the other languages, and loading packages' interactive extensions (whose only effect on
/// this course would be an output line with the machine's NuGet path).
/// </remarks>
public sealed class KernelSession : IDisposable
{
    private readonly CompositeKernel _kernel;
    private readonly CSharpKernel _csharp;

    static KernelSession()
    {
        // As the tool does for notebook front ends (KernelBuilder.SetUpFormatters): HTML by default, strings as text.
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
    }

    /// <summary>Starts a fresh kernel.</summary>
    public KernelSession()
    {
        _csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        EmitDebugInformation(_csharp);
        _kernel = new CompositeKernel { _csharp };
        _kernel.DefaultKernelName = _csharp.Name;
    }

    /// <summary>Every event the kernel publishes, as it happens (for live progress).</summary>
    public IObservable<KernelEvent> Events => _kernel.KernelEvents;

    /// <summary>Runs one cell's code and returns every event it produced, in order.</summary>
    public async Task<IReadOnlyList<KernelEvent>> SubmitAsync(string code)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code));
        return result.Events;
    }

    /// <summary>The declared type of a top-level variable of the notebook, or null if there is none.</summary>
    public Type? VariableType(string name) =>
        _csharp.ScriptState?.Variables.LastOrDefault(v => v.Name == name)?.Type;

    /// <summary>The value of a top-level variable of the notebook, or null.</summary>
    public object? VariableValue(string name) =>
        _csharp.ScriptState?.Variables.LastOrDefault(v => v.Name == name)?.Value;

    /// <summary>
    /// The MIME bundle the kernel makes of <paramref name="value"/> when a cell displays or returns it (the kernel's
    /// own formatters, with the preferences above), MIME type → text.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Format(object value) =>
        FormattedValue.CreateManyFromObject(value).ToDictionary(v => v.MimeType, v => v.Value);

    /// <inheritdoc />
    public void Dispose() => _kernel.Dispose();

    // The kernel compiles cells without debug information, so an exception's stack trace has no line numbers.
    // With it, the runner can say which line of a cell failed. It changes nothing else: same compilation, same
    // diagnostics, same optimisation level. If a future kernel renames the field, the runner works without lines.
    private static void EmitDebugInformation(CSharpKernel kernel)
    {
        var field = typeof(CSharpKernel).GetField("_scriptOptions", BindingFlags.Instance | BindingFlags.NonPublic);
        if (field?.GetValue(kernel) is ScriptOptions options)
            field.SetValue(kernel, options.WithEmitDebugInformation(true));
    }
}
