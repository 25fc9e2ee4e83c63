using SerialCluster.CostModel.Measured;

namespace SerialCluster.CostModel.Prediction;

/// <summary>
/// One mode's predicted time: the mode (<see cref="Pinned"/>, <see cref="Scatter"/> or <see cref="ScatterBatched"/>),
/// the parameters it changes (a batched variant's coarser tasks; empty otherwise), and the prediction split into
/// compute on the critical path and overhead (dispatch, barriers, the job's fixed cost). <see cref="Seconds"/> is the raw
/// model's; where this run plan has run under the job's plan signature, <see cref="CorrectedSeconds"/> is it times the
/// median measured ÷ predicted of those runs (<see cref="MeasuredRuns"/> of them; <see cref="ModeChooser"/>),
/// <see cref="MeasuredSeconds"/> their median measured time and <see cref="MeasuredError"/> its standard error in ln
/// (<see cref="MeasuredPlan.LogStandardError"/>).
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
