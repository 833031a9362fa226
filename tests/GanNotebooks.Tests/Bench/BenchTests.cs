using System.Diagnostics;
using System.Text.Json;
using GanNotebooks.Runner.Bench;
using GanNotebooks.Tests.Runner;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace GanNotebooks.Tests.Bench;

/// <summary>`gan-notebooks bench`: its options, its measuring tools, and the loops it times (which must keep
/// compiling against the library as the library changes).</summary>
public class BenchTests
{
    [Theory]
    [InlineData(new[] { "bench", "--threads", "0" }, "--threads takes counts ≥ 1")]
    [InlineData(new[] { "bench", "--threads", "two" }, "two")]
    [InlineData(new[] { "bench", "--soak-steps", "500" }, "--soak-steps must be ≥ 2,000")]
    [InlineData(new[] { "bench", "--env", "GOMP_SPINCOUNT" }, "--env takes NAME=VALUE")]
    [InlineData(new[] { "bench", "--preset", "huge" }, "huge")]
    [InlineData(new[] { "bench", "--pair-preset", "tiny" }, "tiny")]
    [InlineData(new[] { "bench", "no-such-notebook.ipynb" }, "no-such-notebook.ipynb: no such notebook or folder")]
    [InlineData(new[] { "bench", "--peer", "--python", "/no/such/python3" }, "--peer: no Python with PyTorch")]
    public void Every_bad_value_gets_a_one_line_error(string[] args, string mention)
    {
        var (code, output) = RunnerProcess.Run(args);
        Assert.Equal(2, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(mention, output);
        Assert.DoesNotContain("   at ", output);
        Assert.True(lines.Length <= 2, output);
    }

    [Fact]
    public void Median_of_odd_and_even_counts()
    {
        Assert.Equal(3, Stats.Median(new double[] { 5, 1, 3 }));
        Assert.Equal(2.5, Stats.Median(new double[] { 4, 1, 3, 2 }));
        Assert.Equal("2.5 (1.0–4.0)", Stats.Spread(new double[] { 4, 1, 3, 2 }, "F1"));
    }

    [Fact]
    public void Resident_memory_of_a_process_tree_includes_its_children()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/python3")) return;
        var self = Environment.ProcessId;
        var before = ProcessTree.ResidentBytes(self);
        // A child that holds 300 MB of written (so resident) memory for a few seconds.
        using var child = Process.Start("/usr/bin/python3", new[] { "-c", "import time; b = b'x' * 300_000_000; time.sleep(10)" })!;
        try
        {
            long during = 0;
            for (var i = 0; i < 80 && during - before < 250_000_000; i++)
            {
                Thread.Sleep(100);
                during = ProcessTree.ResidentBytes(self);
            }
            Assert.True(during - before >= 250_000_000, $"the tree grew by {(during - before) / 1e6:F0} MB");
            Assert.True(ProcessTree.ResidentBytes(child.Id) >= 250_000_000);
            Assert.True(ProcessTree.HighWaterMark(child.Id) >= 250_000_000);
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public void The_loops_compile_against_the_library()
    {
        // The cheap guard in every test run: bench/loops.csx and the calls the bench makes compile against this
        // library (a renamed model or helper fails here, not in the middle of a benchmark). The kernel run is below.
        var errors = LoopsCompileErrors("""
            BenchLoops.Overhead("gan2d", threads: 1, warmup: 1, roundSeconds: 0.2, rounds: 1, resultFile: "unused");
            BenchLoops.Soak("dcgan", threads: 1, checkpoints: new[] { 20, 40 }, resultFile: "unused");
            """);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_compile_check_catches_a_call_the_library_does_not_have()
    {
        // The control: the check above is not vacuous.
        var errors = LoopsCompileErrors("_ = new GanNotebooks.Models.NoSuchModel();");
        Assert.Contains(errors, e => e.GetMessage().Contains("NoSuchModel"));
    }

    // Compiles bench/loops.csx followed by the given call as one script, as the bench's kernel cell does (with the
    // namespaces the C# kernel imports by default).
    private static List<Diagnostic> LoopsCompileErrors(string call)
    {
        var options = ScriptOptions.Default
            .AddReferences(typeof(TorchSharp.torch).Assembly, typeof(GanNotebooks.Models.Mlp).Assembly,
                typeof(JsonSerializer).Assembly, typeof(Stopwatch).Assembly, typeof(Enumerable).Assembly)
            .AddImports("System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks");
        var code = File.ReadAllText(Repo.Path("bench", "loops.csx")) + "\n" + call;
        return CSharpScript.Create(code, options).Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    [BenchTheory]
    [InlineData("gan2d")]
    [InlineData("dcgan")]
    public void The_loops_compile_and_run_in_a_kernel(string loop)
    {
        var result = Probe($"BenchLoops.Overhead(\"{loop}\", threads: 1, warmup: 1, roundSeconds: 0.2, rounds: 1, resultFile: {{result}});");
        Assert.Equal(loop, result.GetProperty("loop").GetString());
        Assert.Equal(1, result.GetProperty("threads").GetInt32());
        foreach (var name in new[] { "bareSecondsPerStep", "courseSecondsPerStep" })
            Assert.All(result.GetProperty(name).EnumerateArray(), x => Assert.InRange(x.GetDouble(), 1e-5, 10));
    }

    [BenchFact]
    public void The_soak_reads_resident_memory_at_each_checkpoint()
    {
        var result = Probe("BenchLoops.Soak(\"gan2d\", threads: 1, checkpoints: new[] { 20, 40 }, resultFile: {result});");
        var rss = result.GetProperty("residentBytes").EnumerateArray().Select(x => x.GetInt64()).ToArray();
        Assert.Equal(2, rss.Length);
        // A kernel with TorchSharp loaded holds a few hundred MB; less than 100 MB or more than 8 GB is a misreading.
        Assert.All(rss, b => Assert.InRange(b, 100L << 20, 8L << 30));
        // The split that tells a leak from a cache: .NET's committed heap and glibc's heap in use are each some MiB
        // and less than the whole resident set.
        foreach (var name in new[] { "managedCommittedBytes", "mallocInUseBytes" })
            Assert.All(result.GetProperty(name).EnumerateArray().Zip(rss), p => Assert.InRange(p.First.GetInt64(), 1L << 20, p.Second));
    }

    [BenchFact]
    public void The_peer_runs_the_same_loops_when_PyTorch_is_installed()
    {
        var python = new[] { "/usr/bin/python3" }.FirstOrDefault(p => File.Exists(p) && Run(p, "-c", "import torch").Code == 0);
        if (python is null) return;   // no PyTorch here: bench reports the peer as not run
        foreach (var loop in new[] { "gan2d", "dcgan" })
        {
            var (code, output) = Run(python, Repo.Path("bench", "peer.py"), "--loop", loop, "--threads", "1", "--warmup", "1", "--seconds", "0.2", "--rounds", "1");
            Assert.True(code == 0, output);
            var result = JsonDocument.Parse(output.Trim().Split('\n').Last()).RootElement;
            Assert.Equal(1, result.GetProperty("threads").GetInt32());
            Assert.All(result.GetProperty("secondsPerStep").EnumerateArray(), x => Assert.InRange(x.GetDouble(), 1e-5, 60));
        }
    }

    private static JsonElement Probe(string call)
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, output) = RunnerProcess.Run("bench", "bench-probe", call.Replace("{result}", Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(file, quote: true)));
            Assert.True(code == 0, output);
            return JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone();
        }
        finally { File.Delete(file); }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
