using System.Globalization;
using SerialCluster.CostModel.Prediction;

namespace SerialCluster.CostModel.Measured;

/// <summary>
/// The names the measured-beats-modelled rule keys its memory by. A plan signature is the workload with every
/// canonical parameter (defaults filled in, sorted by name) and the job's parallelism cap: two jobs with the same
/// signature run the same plan on the same number of cores. A run key is the mode that ran with the parameters its
/// variant changes (<c>pinned</c>, <c>scatter</c>, <c>scatter-batched(halo=16384,strips=2)</c>).
/// </summary>
public static class PlanRuns
{
    public static string Signature(string workload, IReadOnlyDictionary<string, string> canonical, int parallelism) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{workload}({string.Join(",", canonical.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})@P={parallelism}");

    public static string Key(ModePrediction prediction) => Key(prediction.Mode, prediction.Changes);

    public static string Key(string mode, IReadOnlyDictionary<string, string> changes) =>
        changes.Count == 0
            ? mode
            : $"{mode}({string.Join(",", changes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"))})";
}
