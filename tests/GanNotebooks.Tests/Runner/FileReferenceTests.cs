using System.Text.Json.Nodes;
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
    public void Relative_r_resolves_against_the_notebook_folder()
    {
        // A DLL made on the spot, one folder away from the notebook, as the course library is.
        Directory.CreateDirectory(Path.Combine(_dir, "lib"));
        var dll = Path.Combine(_dir, "lib", "Greeter.dll");
        var compilation = CSharpCompilation.Create("Greeter",
            new[] { CSharpSyntaxTree.ParseText("public static class Greeter { public static string Hello() => \"hello from a relative #r\"; }") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.True(compilation.Emit(dll).Success);

        var (_, result) = RunNotebook("#r \"../lib/Greeter.dll\"\nConsole.WriteLine(Greeter.Hello());");
        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("hello from a relative #r", result.PlainTextOutput);
    }

    [Fact]
    public void Missing_dll_is_a_clear_error_with_the_resolved_path()
    {
        var (_, result) = RunNotebook("#r \"../lib/Nowhere.dll\"\nvar x = 1;");
        Assert.False(result.Succeeded);
        Assert.Contains("#r \"../lib/Nowhere.dll\" resolves to", result.Error);
        Assert.Contains(Path.Combine(_dir, "lib", "Nowhere.dll"), result.Error);
    }

    [Fact]
    public void Current_directory_is_the_notebook_folder_while_it_runs()
    {
        var before = Directory.GetCurrentDirectory();
        var (_, result) = RunNotebook("Console.WriteLine(\"cwd=\" + System.IO.Directory.GetCurrentDirectory());");
        Assert.True(result.Succeeded, result.Error);
        Assert.Contains("cwd=" + Path.Combine(_dir, "nb"), result.PlainTextOutput);
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    private (Notebook, NotebookResult) RunNotebook(string code)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "nb"));
        var path = Path.Combine(_dir, "nb", "test.ipynb");
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["id"] = "c1", ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(), ["source"] = code,
            }),
            ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5,
        };
        NotebookWriter.Save(root, path);
        var executor = new NotebookExecutor(PackagePins.Embedded(), new RunOptions { Echo = false, Note = _ => { } });
        return executor.Run(Notebook.Load(path));
    }
}
