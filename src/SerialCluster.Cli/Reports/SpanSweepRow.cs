using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Cli.Reports;

/// <summary>One size of a span sweep: the swept parameters' values, the plan's work and span, and the runs at that size.</summary>
public sealed record SpanSweepRow(IReadOnlyDictionary<string, string> Sizes, double Size, long WorkUnits, long SpanUnits, IReadOnlyList<JobStatus> Runs)
{
    public double SpanSeconds => Analysis.Statistics.SampleStatistics.Median(Runs.Select(r => r.Profile!.SpanSeconds));

    public double WallSeconds => Analysis.Statistics.SampleStatistics.Median(Runs.Select(r => r.Profile!.WallSeconds));

    public double WorkSeconds => Analysis.Statistics.SampleStatistics.Median(Runs.Select(r => r.Profile!.WorkSeconds));
}
