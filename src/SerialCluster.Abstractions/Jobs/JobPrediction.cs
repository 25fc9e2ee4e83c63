namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// The cost model's prediction for one mode: <c>pinned</c>, <c>scatter</c>, or <c>scatter-batched</c> with the
/// parameters it changes (coarser tasks or fewer stages; the result is the same). PredictedSeconds is the raw model's;
/// CorrectedSeconds that times the median measured ÷ predicted of this run plan's recent runs under the job's plan
/// signature (MeasuredRuns of them; null when none); MeasuredSeconds those runs' median time, what <c>auto</c> compares
/// measured plans by (an unmeasured one's raw prediction is compared with the corrected times). Ran marks the one
/// that ran.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobPrediction")]
public sealed record JobPrediction(
    [property: Id(0)] string Mode,
    [property: Id(1)] double PredictedSeconds,
    [property: Id(2)] Dictionary<string, string> Parameters,
    [property: Id(3)] double? CorrectedSeconds = null,
    [property: Id(4)] int MeasuredRuns = 0,
    [property: Id(5)] bool Ran = false,
    [property: Id(6)] double? MeasuredSeconds = null);
