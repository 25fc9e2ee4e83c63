namespace SerialCluster.Abstractions.CostModel;

/// <summary>
/// A cost line's recent measured points as ratios to it: units per step, steps per task and ln(measured seconds per
/// step ÷ the line there), index by index. The line bends to them near the task shapes they measured.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.StepCostPoints")]
public sealed record StepCostPoints(
    [property: Id(0)] double[] UnitsPerStep,
    [property: Id(1)] double[] LogRatios,
    [property: Id(2)] double[] StepsPerTask);
