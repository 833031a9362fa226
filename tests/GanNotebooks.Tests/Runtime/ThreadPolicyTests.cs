using System.Diagnostics;
using System.Runtime.InteropServices;
using GanNotebooks.Runner.Notebooks;
using GanNotebooks.Runtime;
using GanNotebooks.Tests.Runner;
using Microsoft.DotNet.Interactive.Documents;

namespace GanNotebooks.Tests.Runtime;

/// <summary>
/// The thread policy reaches the OpenMP runtime libtorch loads (libgomp reads it from the C environment, once, when
/// it loads), and a user's own setting wins. The runner-process tests ask libgomp itself: with OMP_DISPLAY_ENV=VERBOSE
/// it prints the settings it started with to the process's stderr.
/// </summary>
public class ThreadPolicyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("thread-policy").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static bool Linux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    [Fact]
    public void Dotnet_environment_changes_do_not_reach_native_code_on_Linux()
    {
        // Why the policy needs setenv: a native library calling getenv does not see .NET's own copy.
        if (!Linux) return;
        var name = "GAN_NOTEBOOKS_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "dotnet");
        try
        {
            Assert.Equal("dotnet", Environment.GetEnvironmentVariable(name));
            Assert.Null(NativeEnvironment.Get(name));
        }
        finally { Environment.SetEnvironmentVariable(name, null); }
    }

    [Fact]
    public void SetIfUnset_reaches_getenv_and_keeps_a_value_already_there()
    {
        if (!Linux) return;
        var name = "GAN_NOTEBOOKS_TEST_" + Guid.NewGuid().ToString("N");
        try
        {
            Assert.True(NativeEnvironment.SetIfUnset(name, "first"));
            Assert.Equal("first", NativeEnvironment.Get(name));
            Assert.Equal("first", Environment.GetEnvironmentVariable(name));   // .NET's copy agrees (child processes)
            Assert.False(NativeEnvironment.SetIfUnset(name, "second"));
            Assert.Equal("first", NativeEnvironment.Get(name));
        }
        finally { Environment.SetEnvironmentVariable(name, null); }
    }

    [Fact]
    public void In_this_test_process_libgomp_is_loaded_so_the_policy_has_nothing_left_to_do()
    {
        // The test host ran EnsureLoadable when it started (TestSetup) and has created tensors since.
        if (!Linux) return;
        _ = TorchSharp.torch.ones(2, 2).sum().item<float>();
        Assert.True(ThreadPolicy.IsLibGompLoaded());
        Assert.Contains(ThreadPolicy.Apply(), new[] { ThreadPolicyOutcome.TooLate, ThreadPolicyOutcome.KeptUserSetting });
    }

    [Fact]
    public void A_notebook_setup_gives_libgomp_the_courses_spin_count()
    {
        if (!Linux) return;
        var output = RunSetup("GanNotebooks.Runtime.TorchSharpNatives.EnsureLoadable();", new());
        Assert.Contains($"GOMP_SPINCOUNT = '{ThreadPolicy.SpinCount}'", output);
    }

    [Fact]
    public void Without_the_policy_libgomp_starts_with_its_own_default()
    {
        // The control: loading libtorch without the policy shows libgomp's default, so the test above tests something.
        if (!Linux) return;
        var output = RunSetup("GanNotebooks.Runtime.TorchSharpNatives.PreloadOwnLibTorch();", new());
        Assert.Contains("GOMP_SPINCOUNT = '300000'", output);
    }

    [Theory]
    [InlineData("GOMP_SPINCOUNT", "12345", "GOMP_SPINCOUNT = '12345'")]
    [InlineData("OMP_WAIT_POLICY", "PASSIVE", "GOMP_SPINCOUNT = '0'")]
    public void A_users_own_setting_is_kept(string name, string value, string expected)
    {
        if (!Linux) return;
        var output = RunSetup("GanNotebooks.Runtime.TorchSharpNatives.EnsureLoadable();", new() { [name] = value });
        Assert.Contains(expected, output);
    }

    // Runs a notebook in a runner process: #r TorchSharp and the library, the given setup call, one tensor operation.
    // The policy's variables come only from the test (one set where the tests run must not decide the outcome).
    private string RunSetup(string setup, Dictionary<string, string> environment)
    {
        var document = new InteractiveDocument();
        document.Add(NotebookFile.NewCodeCell("refs", $"#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"{Repo.Path("lib", "GanNotebooks", "bin", "Release", "net8.0", "GanNotebooks.dll")}\""));
        document.Add(NotebookFile.NewCodeCell("setup", setup));
        document.Add(NotebookFile.NewCodeCell("use", "using (var t = TorchSharp.torch.ones(2, 2)) Console.WriteLine($\"sum {t.sum().item<float>()}\");"));
        var path = Path.Combine(_dir, "setup.ipynb");
        NotebookFile.Save(document, path);

        var psi = new ProcessStartInfo("dotnet", new[] { RunnerProcess.Path, "run", path })
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root,
        };
        psi.Environment.Remove(ThreadPolicy.SpinCountVariable);
        psi.Environment.Remove(ThreadPolicy.WaitPolicyVariable);
        psi.Environment["OMP_DISPLAY_ENV"] = "VERBOSE";
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0 && output.Contains("sum 4"), output);
        return output;
    }
}
