using System.Text.Json.Nodes;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// One line of the targets table. <see cref="Ratio"/> is achieved ÷ required in the target's own direction
/// (for an upper limit: limit ÷ measured), so 1.00 or more always means the target is met.
/// </summary>
public sealed record BenchRow(string Target, string What, string Measured, double? Ratio, string Goal, string Note)
{
    public bool? Met => Ratio is { } r && !double.IsNaN(r) ? r >= 1.0 : null;

    /// <summary>A row for a measurement that could not be made, with the reason.</summary>
    public static BenchRow Missing(string target, string what, string goal, string reason) => new(target, what, "—", null, goal, reason);

    public JsonObject ToJson() => new()
    {
        ["target"] = Target,
        ["what"] = What,
        ["measured"] = Measured,
        ["ratio"] = Ratio is { } r && double.IsFinite(r) ? Math.Round(r, 4) : (Ratio is { } inf && double.IsPositiveInfinity(inf) ? 1e9 : null),
        ["goal"] = Goal,
        ["met"] = Met,
        ["note"] = Note,
    };
}
