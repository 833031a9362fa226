namespace GanNotebooks.Training;

/// <summary>Named series of numbers recorded during training (losses, D(x), gradient norms), for plotting.</summary>
public sealed class History
{
    private readonly Dictionary<string, List<(double Step, double Value)>> _series = new();

    /// <summary>Records <paramref name="value"/> for <paramref name="name"/> at <paramref name="step"/>.</summary>
    public void Add(string name, double step, double value)
    {
        if (!_series.TryGetValue(name, out var list)) _series[name] = list = new();
        list.Add((step, value));
    }

    /// <summary>The names recorded so far.</summary>
    public IEnumerable<string> Names => _series.Keys;

    /// <summary>The steps at which <paramref name="name"/> was recorded.</summary>
    public double[] Steps(string name) => Get(name).Select(p => p.Step).ToArray();

    /// <summary>The values recorded for <paramref name="name"/>.</summary>
    public double[] Values(string name) => Get(name).Select(p => p.Value).ToArray();

    /// <summary>The last value recorded for <paramref name="name"/>.</summary>
    public double Last(string name) => Get(name)[^1].Value;

    private List<(double Step, double Value)> Get(string name) =>
        _series.TryGetValue(name, out var l) ? l : throw new KeyNotFoundException($"No series '{name}'. Recorded: {string.Join(", ", _series.Keys)}.");
}
