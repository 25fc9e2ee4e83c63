namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// The cost model's prediction for one mode (<c>pinned</c>, <c>scatter</c>, or <c>scatter-batched</c> with the parameters it changes; same result).
/// PredictedSeconds is the raw model's; CorrectedSeconds scales it by the median measured ÷ predicted of the MeasuredRuns recent runs of this run plan
/// under the job's plan signature (null when none); MeasuredSeconds is those runs' median, which <c>auto</c> compares measured plans by (an unmeasured
/// one's raw prediction against the corrected times). Ran marks the one that ran.
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
