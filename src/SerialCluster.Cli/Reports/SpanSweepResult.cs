using SerialCluster.Analysis.Span;

namespace SerialCluster.Cli.Reports;

/// <summary>
/// A finished span sweep (<c>sweep --size</c>): the job at each input size, at one P, and the slopes of its span against
/// the size (<see cref="SpanScaling"/>); the first swept parameter is the size the slopes are against.
/// </summary>
public sealed record SpanSweepResult(
    string Workload,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> SizeNames,
    string Mode,
    int Parallelism,
    string Cluster,
    int Cores,
    string Unit,
    IReadOnlyList<SpanSweepRow> Rows)
{
    public SpanScaling Scaling { get; } = SpanScaling.Fit([.. Rows.Select(r => new SpanPoint(r.Size, r.WorkUnits, r.SpanUnits, r.SpanSeconds, r.WallSeconds))]);
}
