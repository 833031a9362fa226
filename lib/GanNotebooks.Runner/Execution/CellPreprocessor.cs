using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// Turns a Polyglot Notebooks C# cell into plain C# script for Roslyn: checks and removes <c>#r "nuget: ..."</c>
/// (the runner already carries the pinned packages), resolves <c>#r "file.dll"</c> against the notebook's
/// folder, and handles the <c>#!</c> magic commands it supports.
/// </summary>
public sealed partial class CellPreprocessor
{
    /// <summary>The helper library's file name: a <c>#r</c> of it maps to the copy the runner is built with.</summary>
    public const string LibraryFileName = "GanNotebooks.dll";

    private static readonly string[] CudaPackages = { "TorchSharp-cuda-linux", "TorchSharp-cuda-windows" };

    private readonly PackagePins _pins;
    private readonly string _notebookDir;
    private readonly string _notebookName;
    private readonly Action<string> _note;

    public CellPreprocessor(PackagePins pins, string notebookDir, string notebookName, Action<string> note)
    {
        _pins = pins;
        _notebookDir = notebookDir;
        _notebookName = notebookName;
        _note = note;
    }

    /// <summary>The result: code to run, and whether <c>#!time</c> asked for the cell's time.</summary>
    public sealed record Result(string Code, bool Time);

    /// <summary>Processes one cell; <paramref name="cellNumber"/> is 1-based, for messages.</summary>
    public Result Process(string source, int cellNumber)
    {
        var sb = new StringBuilder();
        var time = false;
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            string output = line;
            if (NugetReference().Match(trimmed) is { Success: true } nuget)
                output = CheckPackage(nuget.Groups["spec"].Value, cellNumber, i + 1);
            else if (FileReference().Match(trimmed) is { Success: true } file)
                output = ResolveFile(file.Groups["path"].Value, cellNumber, i + 1);
            else if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = trimmed.Split(' ', 2)[0];
                switch (magic)
                {
                    case "#!csharp":
                    case "#!c#":
                        output = "";
                        break;
                    case "#!time":
                        time = true;
                        output = "";
                        break;
                    default:
                        throw new NotebookException(
                            $"{_notebookName}, cell {cellNumber}, line {i + 1}: the magic command {magic} is not supported by the headless runner " +
                            "(supported: #!csharp, #!time). Move the cell's work into C#.");
                }
            }
            else if (trimmed.StartsWith("#i ", StringComparison.Ordinal))
                throw new NotebookException(
                    $"{_notebookName}, cell {cellNumber}, line {i + 1}: #i (extra package sources) is not supported: the course uses only packages pinned in Directory.Packages.props.");
            sb.Append(output);
            if (i < lines.Length - 1) sb.Append('\n');
        }
        return new Result(sb.ToString(), time);
    }

    private string CheckPackage(string spec, int cell, int line)
    {
        var where = $"{_notebookName}, cell {cell}, line {line}";
        var parts = spec.Split(',', 2, StringSplitOptions.TrimEntries);
        var name = parts[0];
        var version = parts.Length > 1 ? parts[1] : null;
        if (string.IsNullOrEmpty(version))
            throw new NotebookException($"{where}: #r \"nuget: {name}\" has no version. Pin it, e.g. #r \"nuget: {name}, {_pins.VersionOf(name) ?? "<version>"}\".");
        var pinned = _pins.VersionOf(name)
            ?? throw new NotebookException($"{where}: package {name} is not pinned in Directory.Packages.props; add it there first (pinned: {string.Join(", ", _pins.Versions.Keys)}).");
        if (!string.Equals(pinned, version, StringComparison.OrdinalIgnoreCase))
            throw new NotebookException($"{where}: #r asks for {name} {version}, but Directory.Packages.props pins {name} {pinned}. Use the pinned version.");
        if (CudaPackages.Contains(name, StringComparer.OrdinalIgnoreCase))
            _note($"{where}: {name} {version} → TorchSharp-cpu {_pins.VersionOf("TorchSharp-cpu")} (the headless runner carries the CPU backend{(HasNvidiaGpu() ? "; a GPU is present, but this runner build has no CUDA natives" : "; no GPU here")}).");
        return $"// {spec} (provided by the runner)";
    }

    private string ResolveFile(string path, int cell, int line)
    {
        if (Path.GetFileName(path).Equals(LibraryFileName, StringComparison.OrdinalIgnoreCase))
            return $"// {path} (the runner's own build of the library)";
        var full = Path.GetFullPath(Path.Combine(_notebookDir, path));
        if (!File.Exists(full))
            throw new NotebookException($"{_notebookName}, cell {cell}, line {line}: #r \"{path}\" resolves to {full}, which does not exist.");
        return $"#r \"{full}\"";
    }

    private static bool HasNvidiaGpu() => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && File.Exists("/proc/driver/nvidia/version");

    [GeneratedRegex(@"^#r\s+""nuget:\s*(?<spec>[^""]+)""\s*$")]
    private static partial Regex NugetReference();

    [GeneratedRegex(@"^#r\s+""(?!nuget:)(?<path>[^""]+)""\s*$")]
    private static partial Regex FileReference();
}
