namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// What a job measured. Work is the sum of task execution times, span the sum over stages of the slowest
/// task (the critical path), parallelism = work / span, overhead = wall − span. Units (Work, Span) come from the plan,
/// over the stages the job ran: a plan that stopped early (mdp at its converged sweep) reports the units done, not its cap.
/// Every job also carries the cost model's predictions for each mode, the mode it ran (for <c>auto</c>: the one the
/// model chose) and the prediction for that mode, to read beside the measured wall time: PredictedSeconds the raw
/// model's, CorrectedPredictedSeconds after the measured-beats-modelled correction (both with the decision's time),
/// and the reason for the choice. BuildSeconds is setup, apart from both work and span: the seconds spent building the
/// job's plan (compiling it, building the tables its tasks read) during the job, summed over the silos that built it,
/// each once per job — what a cvp circuit of millions of gates costs before any gate is evaluated.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobProfile")]
public sealed record JobProfile(
    [property: Id(0)] double WallSeconds,
    [property: Id(1)] double WorkSeconds,
    [property: Id(2)] double SpanSeconds,
    [property: Id(3)] double Parallelism,
    [property: Id(4)] double OverheadSeconds,
    [property: Id(5)] int Tasks,
    [property: Id(6)] int Stages,
    [property: Id(7)] Dictionary<string, int> Silos,
    [property: Id(8)] string? SerialSilo,
    [property: Id(9)] long Work,
    [property: Id(10)] long Span,
    [property: Id(11)] string Unit,
    [property: Id(12)] List<StageProfile> StageProfiles,
    [property: Id(13)] int ParallelismCap,
    [property: Id(14)] List<JobPrediction>? Predictions = null,
    [property: Id(15)] string? ChosenMode = null,
    [property: Id(16)] double? PredictedSeconds = null,
    [property: Id(17)] double? CorrectedPredictedSeconds = null,
    [property: Id(18)] string? ChoiceReason = null,
    [property: Id(19)] double BuildSeconds = 0);
