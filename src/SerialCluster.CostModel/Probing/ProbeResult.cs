using SerialCluster.CostModel.History;

namespace SerialCluster.CostModel.Probing;

/// <summary>
/// What a <see cref="CostProbe"/> measured (raw seconds on the probing core), whether its parallel sample is only a
/// lower bound (the task did not finish within the budget), and how long the probe took.
/// </summary>
public sealed record ProbeResult(StepSample? Chain, StepSample? Parallel, bool LowerBound, double Seconds);
