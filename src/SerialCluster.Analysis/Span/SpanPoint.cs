namespace SerialCluster.Analysis.Span;

/// <summary>
/// One input size of a span-against-size series: the size (in the swept parameter's own unit), the plan's work and span
/// in the workload's unit, and what a run measured: its critical path (Σ over stages of the slowest task) and wall time.
/// </summary>
public sealed record SpanPoint(double Size, long WorkUnits, long SpanUnits, double SpanSeconds, double WallSeconds);
