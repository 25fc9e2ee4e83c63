namespace SerialCluster.Abstractions.CostModel;

/// <summary>
/// A mode's recent fixed costs per job as ratios to its fixed-cost line: each job's compute seconds and ln(measured
/// fixed cost ÷ the line there), index by index. The line bends to them near the job sizes they measured.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobCostSamples")]
public sealed record JobCostSamples(
    [property: Id(0)] double[] ComputeSeconds,
    [property: Id(1)] double[] LogRatios);
