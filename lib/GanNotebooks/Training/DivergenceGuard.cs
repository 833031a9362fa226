using System.Globalization;
using GanNotebooks.Runtime;

namespace GanNotebooks.Training;

/// <summary>Thrown when a training run produced NaN, infinity or an exploding loss.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(string message) : base(message) { }
}

/// <summary>
/// Watches the losses of a training run and stops it, with a clear report, the moment it diverges,
/// so that a broken run is never plotted as if it were a result.
/// </summary>
public sealed class DivergenceGuard
{
    /// <summary>Creates a guard that fails when |loss| exceeds <paramref name="maxAbsLoss"/> or is not finite.</summary>
    public DivergenceGuard(double maxAbsLoss = 1e6)
    {
        Require.Positive(maxAbsLoss);
        _maxAbsLoss = maxAbsLoss;
    }

    // The largest |loss| accepted.
    private readonly double _maxAbsLoss;

    /// <summary>Checks the named values at a step, for example <c>guard.Check(step, ("loss_D", lossD), ("loss_G", lossG))</c>;
    /// throws <see cref="TrainingDivergedException"/> if one diverged.</summary>
    public void Check(int step, params Metric[] values)
    {
        foreach (var (name, value) in values)
        {
            if (!double.IsFinite(value) || Math.Abs(value) > _maxAbsLoss)
                throw new TrainingDivergedException(
                    $"Training diverged at step {step}: {name} = {value.ToString("G6", CultureInfo.InvariantCulture)} " +
                    $"(allowed: finite, |value| ≤ {_maxAbsLoss.ToString("G3", CultureInfo.InvariantCulture)}). " +
                    "Lower the learning rate or change the seed; the results of this run are not shown.");
        }
    }
}
