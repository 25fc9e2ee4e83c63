using SerialCluster.Abstractions.Jobs;
using SerialCluster.Kernels.Analysis.CostModel;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Grains.CostModel;

/// <summary>
/// What the cost model said before a job ran, and what runs: every prediction, the one for the mode that runs
/// (for <c>auto</c>, the fastest), the spec and plan that run (a batched variant's parameters applied), and what the
/// measured profile is later compared and normalised with.
/// </summary>
public sealed record CostAdvice(
    CostDecision Decision,
    ModePrediction Run,
    JobSpec Spec,
    WorkloadPlan Plan,
    PlanShape Shape,
    IReadOnlyList<SiloFigures> Silos,
    bool Calibrated,
    DispatchCosts Dispatch,
    double DecisionSeconds)
{
    public bool Pinned => Run.Mode == ModePrediction.Pinned;

    /// <summary>The mode that runs: pinned, scatter or scatter-batched.</summary>
    public string ChosenMode => Run.Mode;

    /// <summary>The prediction for what runs, with the time the decision itself took.</summary>
    public double PredictedSeconds => Run.Seconds + DecisionSeconds;

    public List<JobPrediction> Predictions =>
    [
        .. Decision.Predictions.Select(p => new JobPrediction(p.Mode, p.Seconds, new Dictionary<string, string>(p.Changes, StringComparer.Ordinal))),
    ];
}
