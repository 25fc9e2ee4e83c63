using SerialCluster.Abstractions.Ladder;

namespace SerialCluster.Cli.Ladder;

/// <summary>
/// One rung measured: its boundary and k, the steps and crossings the chain made in its wall seconds, what its state
/// crossed to, and whether its final state equals the same number of steps run in one loop here; or why it was skipped.
/// </summary>
public sealed record LadderCell(
    LadderBoundary Boundary,
    int K,
    long Steps,
    long Crossings,
    double Seconds,
    string Across,
    bool Identical,
    string? Skipped = null)
{
    public double StepsPerSecond => Skipped is null && Seconds > 0 ? Steps / Seconds : double.NaN;

    /// <summary>Wall per crossing less the k steps' own time at the thread rung's best rate: what one crossing costs.</summary>
    public double CrossingMicroseconds(double stepSeconds) =>
        Skipped is null && Crossings > 0 ? Math.Max(0, (Seconds / Crossings) - (K * stepSeconds)) * 1e6 : double.NaN;

    public static LadderCell Skip(LadderBoundary boundary, int k, string reason) => new(boundary, k, 0, 0, 0, "—", false, reason);
}
