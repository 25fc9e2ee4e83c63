using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Statistics;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Contrast;

/// <summary>
/// One side as measured: its size, plan (work and span in units), the pinned runs (T_serial: the best single-core
/// execution) and the scattered runs at each P, all of which gave the same result. Every speedup here is absolute.
/// </summary>
public sealed record ContrastSideResult(
    string Label, string Workload, long Size, WorkloadPlan Plan, IReadOnlyList<JobStatus> Pinned, IReadOnlyDictionary<int, IReadOnlyList<JobStatus>> Scattered)
{
    public double SerialSeconds => Median(Pinned);

    public double SecondsAt(int p) => Median(Scattered[p]);

    /// <summary>Absolute speedup at P: T_serial / T(P).</summary>
    public double SpeedupAt(int p) => SerialSeconds / SecondsAt(p);

    /// <summary>The scattered job against its own P = 1: scalability, not speedup.</summary>
    public double RelativeAt(int p) => SecondsAt(1) / SecondsAt(p);

    /// <summary>The most speedup the plan's units allow on P processors (barriers free): Σ W_s / Σ max(W_s/P, S_s).</summary>
    public double BoundAt(int p) => Plan.SpeedupBound(p);

    public double PlanParallelism => (double)Plan.Work / Plan.Span;

    public string Result => Pinned[0].ResultJson ?? string.Empty;

    private static double Median(IEnumerable<JobStatus> runs) => SampleStatistics.Median(runs.Select(r => r.Profile!.WallSeconds));
}
