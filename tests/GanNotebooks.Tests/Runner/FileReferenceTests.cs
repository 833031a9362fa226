using GanNotebooks.Runner.Execution;
using GanNotebooks.Runner.Notebooks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GanNotebooks.Tests.Runner;

public class FileReferenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fileref").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Relative_r_resolves_against_the_notebook_folder()
    {
        // A DLL made on the spot, one folder away from the notebook, as the course library is.
        Directory.CreateDirectory(Path.Combine(_dir, "lib"));
        var dll = Path.Combine(_dir, "lib", "Greeter.dll");
        var compilation = CSharpCompilation.Create("Greeter",
            new[] { CSharpSyntaxTree.ParseText("public static class Greeter { public static string Hello() => \"hello from a relative #r\"; }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.True(compilation.Emit(dll).Success);

        var (_, result) = await RunNotebook("#r \"../lib/Greeter.dll\"\nConsole.WriteLine(Greeter.Hello());");
        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("hello from a relative #r", result.PlainTextOutput);
    }

    [Fact]
    public async Task Missing_dll_is_a_clear_error_with_the_resolved_path()
    {
        var (_, result) = await RunNotebook("#r \"../lib/Nowhere.dll\"\nvar x = 1;");
        Assert.False(result.Succeeded);
        Assert.Contains("#r \"../lib/Nowhere.dll\" resolves to", result.Error);
        Assert.Contains(Path.Combine(_dir, "lib", "Nowhere.dll"), result.Error);
    }

    [Fact]
    public async Task Current_directory_is_the_notebook_folder_while_it_runs()
    {
        var before = Directory.GetCurrentDirectory();
        var (_, result) = await RunNotebook("Console.WriteLine(\"cwd=\" + System.IO.Directory.GetCurrentDirectory());");
        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("cwd=" + Path.Combine(_dir, "nb"), result.PlainTextOutput);
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    private Task<(Microsoft.DotNet.Interactive.Documents.InteractiveDocument, NotebookResult)> RunNotebook(string code)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "nb"));
        var path = Path.Combine(_dir, "nb", "test.ipynb");
        var document = new Microsoft.DotNet.Interactive.Documents.InteractiveDocument();
        document.Add(NotebookFile.NewCodeCell("c1", code));
        NotebookFile.Save(document, path);
        var executor = new NotebookExecutor(PackagePins.Embedded(), new RunOptions { Echo = false, Note = _ => { } });
        return executor.RunAsync(path);
    }
}
