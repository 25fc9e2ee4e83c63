using SerialCluster.CostModel.Prediction;

namespace SerialCluster.CostModel.Measured;

/// <summary>
/// One finished job as the measured-beats-modelled rule keeps it: the plan signature it ran under
/// (<see cref="PlanRuns.Signature"/>), the run plan that ran (<see cref="PlanRuns.Key(ModePrediction)"/>), the model's raw
/// prediction for that run plan and the wall time it measured (both without the decision's own time).
/// </summary>
public sealed record PlanRun(string Signature, string RunKey, double PredictedSeconds, double MeasuredSeconds);
