namespace SerialCluster.Analysis.Timeline;

/// <summary>What limits a job: its span (serial), its throughput (parallel), or dispatch overhead.</summary>
public enum VerdictKind
{
    SpanBound,
    ThroughputBound,
    DispatchBound,
}
