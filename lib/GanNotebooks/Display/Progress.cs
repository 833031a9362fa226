using System.Diagnostics;
using System.Globalization;
using System.Text;
using GanNotebooks.Training;

namespace GanNotebooks.Display;

/// <summary>
/// Progress of a long loop: one short line with the step, the time so far, an estimate of the time left and
/// the latest metrics, kept up to date while the loop runs. When the last step is reported the line is replaced
/// by a final one without any time in it, so a notebook saved after a run is the same on every rerun.
/// </summary>
/// <remarks>
/// In VS Code the line is one output updated in place (at most every <see cref="MinInterval"/>). In Jupyter, whose
/// kernel loses such updates, and in a console each update is printed on its own line (every 2 s, or 10 s when the
/// output goes to a file). The headless runner receives only the final line.
/// </remarks>
/// <example>
/// <code>
/// var progress = new Progress("JS estimates", shifts.Length);
/// for (var i = 1; i &lt;= shifts.Length; i++)
/// {
///     var estimate = ...;
///     progress.Report(i, ("μ", shifts[i - 1]), ("JS estimate", estimate));
/// }
/// </code>
/// </example>
public sealed class Progress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private LiveOutput? _output;
    private TimeSpan _lastShown;
    private int _lastStep;
    private Metric[] _lastMetrics = Array.Empty<Metric>();

    /// <summary>Starts tracking <paramref name="totalSteps"/> steps of work called <paramref name="label"/>.</summary>
    public Progress(string label, int totalSteps)
    {
        Runtime.Require.AtLeast(totalSteps, 1);
        Label = label;
        TotalSteps = totalSteps;
    }

    /// <summary>What is being done, for example "training".</summary>
    public string Label { get; }

    /// <summary>The number of steps expected.</summary>
    public int TotalSteps { get; }

    /// <summary>Shortest time between two updates; null (the default) picks 1 s where the line is updated in
    /// place, 2 s in a terminal and 10 s when the console output goes to a file.</summary>
    public TimeSpan? MinInterval { get; set; }

    // True once the last step was reported (or Finish was called).
    private bool _finished;

    /// <summary>Reports that <paramref name="step"/> (1-based) is done, with optional metrics such as
    /// <c>("loss_D", lossD)</c>. Reporting step <see cref="TotalSteps"/> finishes the display.</summary>
    public void Report(int step, params Metric[] metrics)
    {
        if (_finished) return;
        (_lastStep, _lastMetrics) = (step, metrics);
        if (step >= TotalSteps)
        {
            Finish();
            return;
        }
        var now = _clock.Elapsed;
        if (_output is null)
        {
            _output = NotebookOutput.Live(new ProgressLine(Line(step, metrics, now)));
            _lastShown = now;
            return;
        }
        if (now - _lastShown < Interval(_output)) return;
        _lastShown = now;
        _output.Update(new ProgressLine(Line(step, metrics, now)));
    }

    /// <summary>Replaces the display by its final, time-free line. Called by the report of the last step; call it
    /// yourself when a loop ends early (the line then says where it stopped).</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        var final = new ProgressLine(Line(_lastStep, _lastMetrics, elapsed: null));
        _output ??= NotebookOutput.Live(final);
        _output.Complete(final);
    }

    private TimeSpan Interval(LiveOutput output) =>
        MinInterval ?? TimeSpan.FromSeconds(output.UpdatesInPlace ? 1 : Console.IsOutputRedirected ? 10 : 2);

    private string Line(int step, Metric[] metrics, TimeSpan? elapsed)
    {
        var sb = new StringBuilder();
        sb.Append(Label).Append(": ");
        if (elapsed is null && step < TotalSteps) sb.Append("stopped at ");
        sb.Append(step.ToString(CultureInfo.InvariantCulture)).Append('/').Append(TotalSteps)
          .Append(" (").Append((100.0 * step / TotalSteps).ToString("F0", CultureInfo.InvariantCulture)).Append("%)");
        if (elapsed is { } now)
        {
            sb.Append("  ").Append(now.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)).Append(" s");
            if (step > 0)
                sb.Append(", ~").Append((now.TotalSeconds / step * (TotalSteps - step)).ToString("F0", CultureInfo.InvariantCulture)).Append(" s left");
        }
        foreach (var (name, value) in metrics)
            sb.Append("  ").Append(name).Append('=').Append(value.ToString("G4", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}

/// <summary>One state of a <see cref="Progress"/> display.</summary>
public sealed class ProgressLine : Displayable
{
    /// <summary>Wraps the line of text.</summary>
    public ProgressLine(string text) => Text = text;

    /// <summary>The line.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToHtml() => $"<pre class=\"gan-progress\" style=\"margin:0\">{Html.Escape(Text)}</pre>";

    /// <inheritdoc />
    public override string ToPlainText() => Text;
}
