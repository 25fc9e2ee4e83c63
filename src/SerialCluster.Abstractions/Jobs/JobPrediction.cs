namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// The cost model's prediction for one mode: <c>pinned</c>, <c>scatter</c>, or <c>scatter-batched</c> with the
/// parameters it changes (coarser tasks or fewer stages; the result is the same).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.JobPrediction")]
public sealed record JobPrediction(
    [property: Id(0)] string Mode,
    [property: Id(1)] double PredictedSeconds,
    [property: Id(2)] Dictionary<string, string> Parameters);
