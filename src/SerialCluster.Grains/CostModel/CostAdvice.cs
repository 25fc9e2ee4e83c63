using SerialCluster.Abstractions.Jobs;
using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Measured;
using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.CostModel;

/// <summary>
/// What the cost model said before a job ran, and what runs: every prediction, the one for the mode that runs
/// (for <c>auto</c>, the fastest), the spec and plan that run (a batched variant's parameters applied), and what the
/// measured profile is later compared and normalised with; the job's plan signature and the key of the run plan that
/// runs, under which its measured wall is kept (<see cref="PlanRuns"/>).
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
    double DecisionSeconds,
    string Signature = "",
    string RunKey = "")
{
    public bool Pinned => Run.Mode == ModePrediction.Pinned;

    /// <summary>The mode that runs: pinned, scatter or scatter-batched.</summary>
    public string ChosenMode => Run.Mode;

    /// <summary>The prediction for what runs, with the time the decision itself took.</summary>
    public double PredictedSeconds => Run.Seconds + DecisionSeconds;

    /// <summary>The corrected prediction for what runs (measured beats modelled; the raw one where never measured), with the decision's time.</summary>
    public double CorrectedPredictedSeconds => Run.DecidingSeconds + DecisionSeconds;

    /// <summary>Why what runs runs: auto's reason, or the mode asked for with what auto would have run and why.</summary>
    public string ChoiceReason => Spec.Mode == JobMode.Auto
        ? Decision.Reason
        : $"{Spec.Mode.ToString().ToLowerInvariant()} asked for; auto would run {PlanRuns.Key(Decision.Choice)} ({Decision.Reason})";

    public List<JobPrediction> Predictions =>
    [
        .. Decision.Predictions.Select(p => new JobPrediction(
            p.Mode,
            p.Seconds,
            new Dictionary<string, string>(p.Changes, StringComparer.Ordinal),
            p.CorrectedSeconds,
            p.MeasuredRuns,
            ReferenceEquals(p, Run),
            p.MeasuredSeconds)),
    ];
}
