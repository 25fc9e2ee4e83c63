namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// A depth-first sudoku search as the plans drive it: the 9×9 <see cref="SudokuSolver"/> (constant tables, the
/// fastest) or the <see cref="SudokuBoardSolver"/> of any box size. Both visit the same nodes in the same order.
/// </summary>
public interface ISudokuSearch
{
    /// <summary>Solutions found since <see cref="Reset"/> (the search stops at the target).</summary>
    int Solutions { get; }

    /// <summary>Search nodes since <see cref="Reset"/>.</summary>
    long Nodes { get; }

    /// <summary><see cref="Nodes"/> when the first solution was found (0 when none).</summary>
    long NodesAtFirst { get; }

    /// <summary><see cref="Nodes"/> when the second solution was found (0 when none).</summary>
    long NodesAtSecond { get; }

    /// <summary>The first solution since <see cref="Reset"/>, valid when <see cref="Solutions"/> ≥ 1.</summary>
    ReadOnlySpan<byte> FirstSolution { get; }

    /// <summary>True once the target number of solutions has been found.</summary>
    bool Done { get; }

    /// <summary>Clears the counters; the search stops once it has found <paramref name="target"/> solutions (1 or 2).</summary>
    void Reset(int target, CancellationToken cancellationToken = default);

    /// <summary>Adds nodes searched elsewhere (the splitter's internal nodes) to the running count.</summary>
    void AddNodes(long nodes);

    /// <summary>Searches a whole puzzle (its digits, 0 for a blank). Returns true when the target was reached.</summary>
    bool SearchPuzzle(ReadOnlySpan<byte> givens);

    /// <summary>Searches the subtree below writing <paramref name="digit"/> at <paramref name="cell"/> into the propagated grid
    /// <paramref name="parent"/>.</summary>
    bool SearchBranch(ReadOnlySpan<byte> parent, int cell, int digit);

    /// <summary>For the splitter: propagates the root (<paramref name="cell"/> &lt; 0) or a branch without searching below it.</summary>
    SudokuOutcome Propagate(ReadOnlySpan<byte> parent, int cell, int digit, Span<byte> grid, out int branchCell, out int candidates);
}
