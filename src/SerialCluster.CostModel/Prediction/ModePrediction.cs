using SerialCluster.CostModel.Measured;

namespace SerialCluster.CostModel.Prediction;

/// <summary>
/// One mode's predicted time: the mode, the parameters it changes (a batched variant's coarser tasks), and the raw
/// model's <see cref="Seconds"/> split into critical-path compute and overhead. Where this run plan has run under the job's
/// plan signature, <see cref="CorrectedSeconds"/> is it times those runs' median measured ÷ predicted, beside their median
/// <see cref="MeasuredSeconds"/> and its standard error in ln (<see cref="MeasuredError"/>).
/// </summary>
public sealed record ModePrediction(
    string Mode,
    double Seconds,
    IReadOnlyDictionary<string, string> Changes,
    double ComputeSeconds,
    double OverheadSeconds,
    double? CorrectedSeconds = null,
    int MeasuredRuns = 0,
    double? MeasuredSeconds = null,
    double? MeasuredError = null)
{
    /// <summary>What the decision compares: the corrected time where this run plan was measured, else the raw model's.</summary>
    public double DecidingSeconds => CorrectedSeconds ?? Seconds;

    public const string Pinned = "pinned";
    public const string Scatter = "scatter";
    public const string ScatterBatched = "scatter-batched";

    public static readonly IReadOnlyDictionary<string, string> NoChanges = new Dictionary<string, string>();
}
