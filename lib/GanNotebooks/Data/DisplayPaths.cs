namespace GanNotebooks.Data;

/// <summary>Paths as a notebook should print them: relative to the notebook's folder, so saved outputs do not
/// carry one machine's absolute paths.</summary>
internal static class DisplayPaths
{
    public static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(path));
}
