using GanNotebooks.Distributions;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Metrics;

/// <summary>How well generated samples cover a 2-D Gaussian mixture.</summary>
/// <param name="ModesCovered">Modes whose centre is the nearest centre of at least <c>minSamples</c> high-quality samples.</param>
/// <param name="Modes">Number of modes of the mixture.</param>
/// <param name="HighQualityFraction">Fraction of samples within <c>sigmas</c> standard deviations of their nearest centre.</param>
/// <param name="SamplesPerMode">High-quality samples assigned to each mode.</param>
/// <param name="KlToUniform">KL(histogram of high-quality samples over modes ‖ uniform); 0 when balanced, log(modes) when one mode takes all,
/// NaN when no sample is high quality (see <see cref="DiscreteDivergences.KlToUniform"/>).</param>
public sealed record ModeCoverageResult(int ModesCovered, int Modes, double HighQualityFraction, int[] SamplesPerMode, double KlToUniform);

/// <summary>
/// The VEEGAN / PacGAN mode-collapse measures: a sample is <i>high quality</i> if it lies within 3σ of the
/// nearest mode centre; a mode is <i>covered</i> if it is the nearest centre of at least one high-quality sample.
/// The papers evaluate 2,500 samples.
/// </summary>
public static class ModeCoverage
{
    /// <summary>The number of samples the papers evaluate.</summary>
    public const int StandardSampleCount = 2500;

    /// <summary>Measures coverage of <paramref name="samples"/> ([N, 2], any device).</summary>
    /// <param name="samples">Generated points.</param>
    /// <param name="mixture">The data mixture.</param>
    /// <param name="sigmas">The high-quality radius in standard deviations (3 in the papers).</param>
    /// <param name="minSamples">High-quality samples a mode needs to count as covered (1 in the papers).</param>
    public static ModeCoverageResult Measure(Tensor samples, GaussianMixture2D mixture, double sigmas = 3.0, int minSamples = 1)
    {
        if (samples.dim() != 2 || samples.shape[1] != 2)
            throw new ArgumentException($"samples must have shape [N, 2]; got [{string.Join(",", samples.shape)}].", nameof(samples));
        var points = samples.ToDoubles();
        var n = points.Length / 2;
        if (n == 0) throw new ArgumentException("samples is empty.", nameof(samples));
        var counts = new int[mixture.Modes];
        var hq = 0;
        var radius = sigmas * mixture.Std;
        for (var i = 0; i < n; i++)
        {
            double x = points[2 * i], y = points[2 * i + 1];
            var best = -1;
            var bestDistance = double.PositiveInfinity;
            for (var k = 0; k < mixture.Modes; k++)
            {
                var (cx, cy) = mixture.Centres[k];
                var d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                if (d < bestDistance) (best, bestDistance) = (k, d);
            }
            if (bestDistance < radius)
            {
                hq++;
                counts[best]++;
            }
        }
        var covered = counts.Count(c => c >= minSamples);
        return new ModeCoverageResult(covered, mixture.Modes, (double)hq / n, counts, DiscreteDivergences.KlToUniform(counts));
    }
}
