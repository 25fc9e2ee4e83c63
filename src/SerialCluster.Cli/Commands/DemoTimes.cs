using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Statistics;
using SerialCluster.Cli.Output;

namespace SerialCluster.Cli.Commands;

/// <summary>The wall times of one demo job over its repeats: the median the table compares, and the spread beside it.</summary>
public sealed record DemoTimes(IReadOnlyList<JobProfile> Runs)
{
    public double Median => SampleStatistics.Median(Runs.Select(r => r.WallSeconds));

    public double Min => Runs.Min(r => r.WallSeconds);

    public double Max => Runs.Max(r => r.WallSeconds);

    /// <summary>"1.234 s ± 56.0 ms": the median, and half the range when there were repeats.</summary>
    public string Describe() => Runs.Count > 1 ? $"{Durations.Precise(Median)} ± {Durations.Precise((Max - Min) / 2)}" : Durations.Precise(Median);
}
