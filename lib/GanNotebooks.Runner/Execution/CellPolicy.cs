using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace GanNotebooks.Runner.Execution;

/// <summary>
/// The course's rules for what a cell may load, checked before the kernel sees the cell: every
/// <c>#r "nuget: ..."</c> names the version pinned in Directory.Packages.props (a kernel cannot load two versions of
/// a package, so a wrong pin would surface much later as a confusing error); no extra package sources; a
/// referenced DLL exists. A CUDA package is swapped for the CPU one here, where no CUDA package is available.
/// </summary>
public sealed partial class CellPolicy
{
    private static readonly string[] CudaPackages = { "TorchSharp-cuda-linux", "TorchSharp-cuda-windows" };

    private readonly PackagePins _pins;
    private readonly string _notebookDir;
    private readonly string _notebookName;
    private readonly Action<string> _note;

    public CellPolicy(PackagePins pins, string notebookDir, string notebookName, Action<string> note)
    {
        _pins = pins;
        _notebookDir = notebookDir;
        _notebookName = notebookName;
        _note = note;
    }

    /// <summary>
    /// Checks one cell (<paramref name="cellNumber"/> is 1-based, for messages) and returns the code to submit:
    /// the cell itself, or with a CUDA package line replaced by the CPU package.
    /// </summary>
    public string Apply(string source, int cellNumber)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            var where = $"{_notebookName}, cell {cellNumber}, line {i + 1}";
            if (NugetReference().Match(trimmed) is { Success: true } nuget)
                lines[i] = CheckPackage(nuget.Groups["spec"].Value, where) ?? lines[i];
            else if (FileReference().Match(trimmed) is { Success: true } file)
                CheckFile(file.Groups["path"].Value, where);
            else if (trimmed.StartsWith("#i ", StringComparison.Ordinal))
                throw new NotebookException($"{where}: #i (an extra package source) is not allowed: the course uses only the packages pinned in Directory.Packages.props, from the default source.");
        }
        return string.Join('\n', lines);
    }

    private string? CheckPackage(string spec, string where)
    {
        var parts = spec.Split(',', 2, StringSplitOptions.TrimEntries);
        var name = parts[0];
        var version = parts.Length > 1 ? parts[1] : null;
        var pinned = _pins.VersionOf(name)
            ?? throw new NotebookException($"{where}: package {name} is not pinned in Directory.Packages.props; add it there first (pinned: {string.Join(", ", _pins.Versions.Keys)}).");
        if (string.IsNullOrEmpty(version))
            throw new NotebookException($"{where}: #r \"nuget: {name}\" has no version. Pin it: #r \"nuget: {name}, {pinned}\".");
        if (!string.Equals(pinned, version, StringComparison.OrdinalIgnoreCase))
            throw new NotebookException($"{where}: #r asks for {name} {version}, but Directory.Packages.props pins {name} {pinned}. Use the pinned version.");
        if (!CudaPackages.Contains(name, StringComparer.OrdinalIgnoreCase)) return null;
        var cpu = _pins.VersionOf("TorchSharp-cpu");
        _note($"{where}: {name} {version} → TorchSharp-cpu {cpu} (the runner runs on the CPU backend{(HasNvidiaGpu() ? "; a GPU is present: open the notebook in VS Code or Jupyter to use it" : "; no GPU here")}).");
        return $"#r \"nuget: TorchSharp-cpu, {cpu}\"";
    }

    private void CheckFile(string path, string where)
    {
        var full = Path.GetFullPath(Path.Combine(_notebookDir, path));
        if (File.Exists(full)) return;
        var hint = Path.GetFileName(full).Equals("GanNotebooks.dll", StringComparison.OrdinalIgnoreCase)
            ? " Build the course library first: dotnet build lib/GanNotebooks -c Release"
            : "";
        throw new NotebookException($"{where}: #r \"{path}\" resolves to {full}, which does not exist.{hint}");
    }

    private static bool HasNvidiaGpu() => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && File.Exists("/proc/driver/nvidia/version");

    [GeneratedRegex(@"^#r\s+""nuget:\s*(?<spec>[^""]+)""\s*$")]
    private static partial Regex NugetReference();

    [GeneratedRegex(@"^#r\s+""(?!nuget:)(?<path>[^""]+)""\s*$")]
    private static partial Regex FileReference();
}
