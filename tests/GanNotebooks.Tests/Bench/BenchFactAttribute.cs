namespace GanNotebooks.Tests.Bench;

/// <summary>
/// A test of the bench's measurements themselves (its loops timed in a kernel, the PyTorch peer): each starts a kernel
/// or a PyTorch process and trains for a moment, so it runs only when <see cref="Variable"/> is 1, keeping the
/// default test command free of bench time beyond the bench's small option and compile tests.
/// Run them with <c>GAN_NOTEBOOKS_BENCH_TESTS=1 dotnet test --filter "FullyQualifiedName~Bench"</c>.
/// </summary>
public sealed class BenchFactAttribute : FactAttribute
{
    /// <summary>The environment variable that turns these tests on.</summary>
    public const string Variable = "GAN_NOTEBOOKS_BENCH_TESTS";

    public BenchFactAttribute()
    {
        if (!Enabled) Skip = $"a bench measurement test: set {Variable}=1 to run it";
    }

    internal static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";
}

/// <summary>The <see cref="BenchFactAttribute"/> rule for a theory.</summary>
public sealed class BenchTheoryAttribute : TheoryAttribute
{
    public BenchTheoryAttribute()
    {
        if (!BenchFactAttribute.Enabled) Skip = $"a bench measurement test: set {BenchFactAttribute.Variable}=1 to run it";
    }
}
