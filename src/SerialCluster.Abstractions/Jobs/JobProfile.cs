namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// What a job measured: work (Σ task seconds), span (Σ over stages of the slowest task), parallelism, overhead; the
/// plan's units over the stages it ran; the cost model's predictions and choice; and BuildSeconds, plan setup apart from
/// work and span (the README's "Reading the profile" explains each field).
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
    [property: Id(19)] double BuildSeconds = 0,
    [property: Id(20)] double? ForeignCoresBefore = null,
    [property: Id(21)] double? ForeignCoresAfter = null,
    [property: Id(22)] int? MachineCores = null);
