using SerialCluster.Abstractions.Ladder;

namespace SerialCluster.Cli.Ladder;

/// <summary>A whole ladder: every rung for every k, the floors beside them, and where it ran.</summary>
public sealed record LadderResult(
    IReadOnlyList<int> Ks,
    IReadOnlyList<LadderBoundary> Boundaries,
    IReadOnlyList<LadderCell> Cells,
    LadderFloors Floors,
    string Cluster,
    string JobStorage,
    string LoadBefore,
    string LoadAfter,
    double SecondsPerRung)
{
    public LadderCell Cell(LadderBoundary boundary, int k) => Cells.First(c => c.Boundary == boundary && c.K == k);

    /// <summary>Every measured rung's final state equals the same chain run in one loop.</summary>
    public bool AllIdentical => Cells.Where(c => c.Skipped is null).All(c => c.Identical);

    public static string Label(LadderBoundary boundary) => boundary switch
    {
        LadderBoundary.Thread => "in the thread",
        LadderBoundary.LocalGrain => "grain, same silo",
        LadderBoundary.OtherSilo => "grain, other silo",
        LadderBoundary.Storage => "job storage",
        _ => boundary.ToString(),
    };
}
