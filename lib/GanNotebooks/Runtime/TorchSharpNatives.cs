using System.Runtime.InteropServices;
using System.Text;

namespace GanNotebooks.Runtime;

/// <summary>
/// Makes TorchSharp's native glue loadable on Linux systems whose libstdc++ is older than the one it was
/// built against (Debian 12, Ubuntu 22.04 and the Jupyter/Binder images based on them).
/// </summary>
/// <remarks>
/// Without this, the first tensor operation fails with a misleading "doesn't contain a reference to
/// libtorch-cpu-linux-x64". The fix (<see cref="ElfVersionPatcher"/>) is applied only on Linux, only when the
/// system libstdc++ lacks <see cref="RequiredVersion"/>, only to libLibTorchSharp.so, and it is idempotent.
/// It must run before the first tensor is created: afterwards the failed load is cached by the process.
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
    /// TorchSharp.dll, and in the NuGet cache that .NET Interactive loads from), if and only if needed.
    /// Prints one line for each file it changes. Safe to call many times.
    /// </summary>
    /// <returns>The files that were changed by this call.</returns>
    public static IReadOnlyList<string> EnsureLoadable()
    {
        lock (Gate)
        {
            if (_done) return Array.Empty<string>();
            _done = true;
            if (!NeedsPatch()) return Array.Empty<string>();
            return PatchAll(CandidateFiles());
        }
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
