namespace GanNotebooks.Runner.Bench;

/// <summary>What `bench` was asked to measure, and how.</summary>
public sealed class BenchSettings
{
    public required IReadOnlyList<string> Notebooks { get; init; }
    public required int Runs { get; init; }
    public required string Preset { get; init; }
    public required string PairPreset { get; init; }
    public required int[] Threads { get; init; }
    public required int SoakSteps { get; init; }

    /// <summary>Extra environment variables for every measured process (experiments: --env NAME=VALUE).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public string? Python { get; init; }
    public bool RequirePeer { get; init; }
    public required string Output { get; init; }
}
