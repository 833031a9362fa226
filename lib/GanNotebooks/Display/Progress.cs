using System.Diagnostics;
using System.Globalization;
using System.Text;
using GanNotebooks.Runtime;

namespace GanNotebooks.Display;

/// <summary>
/// Progress of a long loop, printed as short lines: the step, the elapsed time, an estimate of the time
/// left and the latest metrics. At most one line every <see cref="MinInterval"/>, plus the first and last
/// step, so a notebook's output stays short whatever the number of steps.
/// </summary>
public sealed class Progress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastPrint;

    /// <summary>Starts tracking <paramref name="totalSteps"/> steps of work called <paramref name="label"/>.</summary>
    public Progress(string label, int totalSteps)
    {
        Require.AtLeast(totalSteps, 1);
        Label = label;
        TotalSteps = totalSteps;
    }

    /// <summary>What is being done, for example "training".</summary>
    public string Label { get; }

    /// <summary>The number of steps expected.</summary>
    public int TotalSteps { get; }

    /// <summary>Shortest time between two printed lines (default 2 s; 10 s when no terminal is attached).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(Console.IsOutputRedirected ? 10 : 2);

    /// <summary>Time since the progress started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Reports that <paramref name="step"/> (1-based) is done, with optional named metrics.</summary>
    public void Report(int step, params (string Name, double Value)[] metrics)
    {
        var now = _clock.Elapsed;
        var last = step >= TotalSteps;
        if (_lastPrint is { } previous && step != 1 && !last && now - previous < MinInterval) return;
        _lastPrint = now;

        var sb = new StringBuilder();
        sb.Append(Label).Append(": ").Append(step.ToString(CultureInfo.InvariantCulture)).Append('/').Append(TotalSteps)
          .Append(" (").Append((100.0 * step / TotalSteps).ToString("F0", CultureInfo.InvariantCulture)).Append("%)  ")
          .Append(now.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)).Append(" s");
        if (!last && step > 0)
        {
            var left = now.TotalSeconds / step * (TotalSteps - step);
            sb.Append(", ~").Append(left.ToString("F0", CultureInfo.InvariantCulture)).Append(" s left");
        }
        foreach (var (name, value) in metrics)
            sb.Append("  ").Append(name).Append('=').Append(value.ToString("G4", CultureInfo.InvariantCulture));
        Console.WriteLine(sb.ToString());
    }
}
