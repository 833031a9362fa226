using System.Runtime.InteropServices;

namespace GanNotebooks.Runtime;

/// <summary>
/// The C library's copy of the process environment (getenv/setenv), which native libraries such as libtorch's
/// OpenMP runtime read.
/// </summary>
/// <remarks>
/// On Linux and macOS, .NET keeps its own copy of the environment: <see cref="Environment.SetEnvironmentVariable(string, string)"/>
/// changes that copy (and the environment of child processes .NET starts) but not the C library's, so a native
/// library that calls getenv never sees it. Setting a variable for native code therefore takes setenv itself.
/// </remarks>
public static class NativeEnvironment
{
    /// <summary>The C library's value of <paramref name="name"/>, or null when unset (or off Unix, where the .NET
    /// value is returned).</summary>
    public static string? Get(string name)
    {
        if (!IsUnix) return Environment.GetEnvironmentVariable(name);
        var value = getenv(name);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    /// <summary>
    /// Sets <paramref name="name"/> in the C library's environment and in .NET's, unless either already has a value.
    /// </summary>
    /// <returns>True when the variable was set; false when it already had a value, which is kept.</returns>
    public static bool SetIfUnset(string name, string value)
    {
        if (Get(name) is not null || Environment.GetEnvironmentVariable(name) is not null) return false;
        if (IsUnix && setenv(name, value, overwrite: 0) != 0)
            throw new InvalidOperationException($"setenv({name}) failed with error {Marshal.GetLastPInvokeError()}.");
        Environment.SetEnvironmentVariable(name, value);
        return true;
    }

    private static bool IsUnix => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr getenv(string name);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true, SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
