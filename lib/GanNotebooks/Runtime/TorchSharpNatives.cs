using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace GanNotebooks.Runtime;

/// <summary>
/// Makes TorchSharp load, on Linux, whatever else the system has: its native glue on systems whose libstdc++ is
/// older than the one it was built against (Debian 12, Ubuntu 22.04 and the Jupyter/Binder images based on them),
/// and its own libtorch even when the distribution's libtorch (Debian/Ubuntu <c>libtorch-dev</c>, pulled in by
/// <c>python3-torch</c>) sits on the default library path.
/// </summary>
/// <remarks>
/// Without this, the first tensor operation fails with a misleading "doesn't contain a reference to
/// libtorch-cpu-linux-x64" in both cases. The libstdc++ fix (<see cref="ElfVersionPatcher"/>) is applied only on
/// Linux, only when the system libstdc++ lacks <see cref="RequiredVersion"/>, only to libLibTorchSharp.so, and it
/// is idempotent. Both must happen before the first tensor is created: afterwards a failed load is cached by the
/// process.
/// </remarks>
public static class TorchSharpNatives
{
    /// <summary>The symbol version that libLibTorchSharp.so 0.107.0 asks for.</summary>
    public const string RequiredVersion = "GLIBCXX_3.4.32";

    /// <summary>The native library that carries the requirement.</summary>
    public const string GlueLibrary = "libLibTorchSharp.so";

    private static readonly object Gate = new();
    private static bool _done;

    /// <summary>
    /// Patches every copy of libLibTorchSharp.so this process may load (beside the program, beside
    /// TorchSharp.dll, and in the NuGet cache that .NET Interactive loads from), if and only if needed, sets how
    /// libtorch's idle threads wait (<see cref="ThreadPolicy"/>), and loads this TorchSharp's own libtorch.
    /// Prints one line for each file it changes. Safe to call many times.
    /// </summary>
    /// <returns>The files that were changed by this call.</returns>
    public static IReadOnlyList<string> EnsureLoadable()
    {
        lock (Gate)
        {
            if (_done) return Array.Empty<string>();
            _done = true;
            var changed = NeedsPatch() ? PatchAll(CandidateFiles()) : Array.Empty<string>();
            // Before libtorch (and with it libgomp, which reads its settings once, when it loads).
            ThreadPolicy.Apply();
            PreloadOwnLibTorch();
            return changed;
        }
    }

    /// <summary>
    /// Loads the libtorch that belongs to this TorchSharp (libc10, libtorch_cpu, libtorch) by full path, so that
    /// TorchSharp's own first loading step, which asks the dynamic loader for "libtorch_cpu.so" by name, gets this
    /// copy (the loader matches an already loaded library by its soname) and not an older one found first on the
    /// library path. Does nothing off Linux, or when no CPU libtorch of the right version is found (a CUDA setup).
    /// </summary>
    /// <returns>The folder the libraries were loaded from, or null.</returns>
    public static string? PreloadOwnLibTorch()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
        var folder = OwnLibTorchFolder();
        if (folder is null) return null;
        foreach (var library in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
            NativeLibrary.Load(Path.Combine(folder, library));
        return folder;
    }

    /// <summary>
    /// The folder holding this TorchSharp's own CPU libtorch: the copies TorchSharp consolidates beside TorchSharp.dll
    /// for notebooks, the build output of a program, or the libtorch-cpu-linux-x64 package in the NuGet cache whose
    /// version the TorchSharp-cpu package names. Null when there is none.
    /// </summary>
    public static string? OwnLibTorchFolder()
    {
        var torchDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? "";
        var candidates = new List<string>
        {
            Path.Combine(torchDir, "cpu"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"),
            AppContext.BaseDirectory,
        };
        if (NuGetLibTorchVersion() is { } version)
            candidates.Add(Path.Combine(NuGetPackagesFolder(), "libtorch-cpu-linux-x64", version, "runtimes", "linux-x64", "native"));
        return candidates.FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "libtorch_cpu.so")) && File.Exists(Path.Combine(d, "libc10.so")));
    }

    // The libtorch version the TorchSharp-cpu package of this TorchSharp depends on (its .nuspec names libtorch-cpu).
    private static string? NuGetLibTorchVersion()
    {
        var version = typeof(TorchSharp.torch).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0];
        if (version is null) return null;
        var nuspec = Path.Combine(NuGetPackagesFolder(), "torchsharp-cpu", version, "torchsharp-cpu.nuspec");
        if (!File.Exists(nuspec)) return null;
        var match = Regex.Match(File.ReadAllText(nuspec), @"<dependency\s+id=""libtorch-cpu""\s+version=""(?<v>[^""]+)""");
        return match.Success ? match.Groups["v"].Value : null;
    }

    /// <summary>True on Linux when the system libstdc++ does not provide <see cref="RequiredVersion"/>.</summary>
    public static bool NeedsPatch() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && SystemLibStdCxx() is { } lib && !Provides(lib, RequiredVersion);

    /// <summary>Patches the given files where they require <see cref="RequiredVersion"/> strongly.</summary>
    public static IReadOnlyList<string> PatchAll(IEnumerable<string> files)
    {
        var changed = new List<string>();
        foreach (var file in files.Distinct())
        {
            try
            {
                if (ElfVersionPatcher.MakeVersionWeak(file, RequiredVersion) == ElfPatchOutcome.Patched)
                {
                    Console.WriteLine($"[GanNotebooks] made {RequiredVersion} a weak requirement of {file} (system libstdc++ is older; see README, Troubleshooting)");
                    changed.Add(file);
                }
            }
            catch (UnauthorizedAccessException)
            {
                Console.WriteLine($"[GanNotebooks] cannot write {file}; run `gan-notebooks doctor` with permission to fix it.");
            }
        }
        return changed;
    }

    /// <summary>
    /// The copies of libLibTorchSharp.so this process may load: beside the program (build outputs), beside
    /// TorchSharp.dll, and, when TorchSharp.dll itself comes from the NuGet cache (.NET Interactive), in that
    /// package's folder, which also holds the copies TorchSharp consolidates for notebooks.
    /// </summary>
    public static IEnumerable<string> CandidateFiles()
    {
        var roots = new List<string> { AppContext.BaseDirectory };
        var torchDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (!string.IsNullOrEmpty(torchDir))
        {
            roots.Add(torchDir);
            // NuGet layout: <packages>/torchsharp/<version>/lib/<tfm>/TorchSharp.dll
            var package = Directory.GetParent(torchDir)?.Parent;
            if (package?.Parent?.Name.Equals("torchsharp", StringComparison.OrdinalIgnoreCase) == true)
                roots.Add(package.FullName);
        }
        return roots.Where(Directory.Exists).SelectMany(r => SafeFind(r, 5)).Select(Path.GetFullPath).Distinct();
    }

    /// <summary>The copies in the NuGet global packages folder: the package's own and TorchSharp's consolidated ones.</summary>
    public static IEnumerable<string> NuGetCacheFiles()
    {
        var torchsharp = Path.Combine(NuGetPackagesFolder(), "torchsharp");
        if (!Directory.Exists(torchsharp)) return Array.Empty<string>();
        return SafeFind(torchsharp, 6);
    }

    /// <summary>The NuGet global packages folder (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    public static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The libstdc++.so.6 the dynamic loader would pick, or null if none is found.</summary>
    public static string? SystemLibStdCxx()
    {
        string[] dirs =
        {
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib",
        };
        return dirs.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);
    }

    /// <summary>Whether a shared library's bytes contain the version name (its version-definition strings).</summary>
    public static bool Provides(string library, string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        var bytes = File.ReadAllBytes(library);
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }

    private static IEnumerable<string> SafeFind(string root, int depth)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = depth, IgnoreInaccessible = true };
        try
        {
            return Directory.GetFiles(root, GlueLibrary, options);
        }
        catch (IOException)
        {
            return Array.Empty<string>();
        }
    }
}
