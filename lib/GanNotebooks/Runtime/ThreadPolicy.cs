using System.Runtime.InteropServices;

namespace GanNotebooks.Runtime;

/// <summary>What <see cref="ThreadPolicy.Apply"/> did.</summary>
public enum ThreadPolicyOutcome
{
    /// <summary>The spin count was set for the OpenMP runtime that is about to load.</summary>
    Applied,

    /// <summary>The user already chose how OpenMP threads wait (GOMP_SPINCOUNT or OMP_WAIT_POLICY); that choice is kept.</summary>
    KeptUserSetting,

    /// <summary>libgomp was already loaded in this process, so its settings can no longer change; nothing was done.</summary>
    TooLate,

    /// <summary>Not Linux: the policy is for GNU OpenMP (libgomp), which libtorch uses on Linux only.</summary>
    NotApplicable,
}

/// <summary>
/// How long libtorch's idle OpenMP threads spin before they sleep, set for the whole process before libtorch loads:
/// short enough that two notebooks running at once on a small machine share it fairly, long enough that one notebook
/// alone keeps its speed.
/// </summary>
/// <remarks>
/// <para>
/// On Linux, libtorch runs its parallel operations on GNU OpenMP (libgomp). Between two parallel regions the worker
/// threads wait for the next one by spinning: by default for 300,000 iterations of a pause instruction (milliseconds),
/// then they sleep. A notebook's networks are small, so their operations are short and frequent and the workers spin
/// nearly all the time. Alone that is harmless. But when a second libtorch process (another notebook, another
/// learner's kernel) shares the cores, the spinning workers of one take the cores the other one's threads need to
/// finish their own parallel region, and each waits for the other. Measured on two cores (smoke preset, two copies
/// started together, median of 3 runs): chapter 06 took 3.0× its time alone and chapter 08 2.8× with libgomp's
/// default; with this policy both took 1.8× (2× is a fair share), and neither notebook got slower alone.
/// </para>
/// <para>
/// Not spinning at all (<c>OMP_WAIT_POLICY=PASSIVE</c>, or a spin count of 0) also makes sharing fair, but a notebook
/// alone gets slower (chapter 08 by about a quarter), because waking a sleeping thread costs more than these small
/// operations do. A short spin of <see cref="SpinCount"/> iterations (of the order of a tenth of a millisecond) keeps
/// the workers awake between the closely spaced regions of one training step and lets them sleep soon after, which
/// gives the time back to the other process. The figures are in the README's Benchmarks section
/// (<c>gan-notebooks bench --pair</c> and <c>--loops</c>, with <c>--env GOMP_SPINCOUNT=300000</c> for libgomp's default).
/// </para>
/// <para>
/// libgomp reads its environment once, when it is loaded, from the C library's environment; .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach that copy on Linux, so the value is
/// set with setenv (<see cref="NativeEnvironment"/>). A value the user set (<c>GOMP_SPINCOUNT</c>, or
/// <c>OMP_WAIT_POLICY</c>, which implies a spin count) is never changed.
/// </para>
/// <para>
/// The thread count is not part of this policy: each chapter sets it for its own workload. The short spin costs one
/// kind of workload: a tiny network on two threads, whose parallel regions are so short that the workers fall
/// asleep between them (the 2-D GAN loop of the bench ran a third slower). Such networks run fastest on one thread
/// in any case (no parallel region, nothing to wait for), so the chapters that train them set one thread.
/// </para>
/// </remarks>
public static class ThreadPolicy
{
    /// <summary>libgomp's spin count variable: how many times an idle thread checks for work before it sleeps.</summary>
    public const string SpinCountVariable = "GOMP_SPINCOUNT";

    /// <summary>The standard OpenMP wait policy variable (ACTIVE or PASSIVE); setting it also sets a spin count.</summary>
    public const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>The spin count the course sets (libgomp's own default is 300,000).</summary>
    public const long SpinCount = 3000;

    /// <summary>
    /// Sets <see cref="SpinCountVariable"/> to <see cref="SpinCount"/> in the process environment, unless the user
    /// chose a spin count or wait policy, libgomp is already loaded, or this is not Linux. Call it before the first
    /// tensor (<see cref="TorchSharpNatives.EnsureLoadable"/> does).
    /// </summary>
    public static ThreadPolicyOutcome Apply()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return ThreadPolicyOutcome.NotApplicable;
        if (UserChoice() is not null) return ThreadPolicyOutcome.KeptUserSetting;
        if (IsLibGompLoaded()) return ThreadPolicyOutcome.TooLate;
        return NativeEnvironment.SetIfUnset(SpinCountVariable, SpinCount.ToString(System.Globalization.CultureInfo.InvariantCulture))
            ? ThreadPolicyOutcome.Applied
            : ThreadPolicyOutcome.KeptUserSetting;
    }

    /// <summary>The user's own setting, as "NAME=value", when one of the two variables is set (C or .NET environment).</summary>
    public static string? UserChoice()
    {
        foreach (var name in new[] { SpinCountVariable, WaitPolicyVariable })
            if ((NativeEnvironment.Get(name) ?? Environment.GetEnvironmentVariable(name)) is { } value)
                return $"{name}={value}";
        return null;
    }

    /// <summary>Whether a libgomp is mapped into this process (Linux, from /proc/self/maps).</summary>
    public static bool IsLibGompLoaded()
    {
        try
        {
            return File.ReadLines("/proc/self/maps").Any(line => line.Contains("/libgomp", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
