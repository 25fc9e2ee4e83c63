namespace SerialCluster.Kernels.Analysis.CostModel;

/// <summary>
/// One mode's predicted time: the mode (<see cref="Pinned"/>, <see cref="Scatter"/> or <see cref="ScatterBatched"/>),
/// the parameters it changes (a batched variant's coarser tasks; empty otherwise), and the prediction split into
/// compute on the critical path and overhead (dispatch, barriers, the job's fixed cost).
/// </summary>
public sealed record ModePrediction(string Mode, double Seconds, IReadOnlyDictionary<string, string> Changes, double ComputeSeconds, double OverheadSeconds)
{
    public const string Pinned = "pinned";
    public const string Scatter = "scatter";
    public const string ScatterBatched = "scatter-batched";

    public static readonly IReadOnlyDictionary<string, string> NoChanges = new Dictionary<string, string>();
}
