using System.Numerics;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// Splits one puzzle's search tree into disjoint subtrees in depth-first order: every subtree that still branches is replaced by its children (digits
/// ascending), level by level, until there are at least <c>wanted</c> or none branches. Searched in order, the subtrees visit exactly the full search's
/// nodes (the replaced ones counted in <see cref="SudokuBranch.Opened"/>), so split results equal serial ones.
/// </summary>
public sealed class SudokuFrontier
{
    private SudokuFrontier(IReadOnlyList<SudokuBranch> branches) => Branches = branches;

    /// <summary>The subtrees in depth-first order.</summary>
    public IReadOnlyList<SudokuBranch> Branches { get; }

    public static SudokuFrontier Build(ReadOnlySpan<byte> givens, int wanted) =>
        Build(SudokuGeometry.ForBoxSize(3), givens, wanted);

    public static SudokuFrontier Build(SudokuGeometry geometry, ReadOnlySpan<byte> givens, int wanted)
    {
        var solver = SudokuPuzzleSet.CreateSolver(geometry);
        var grid = new byte[geometry.Cells];
        var branches = new List<SudokuBranch> { new(givens.ToArray(), -1, 0, 0) };
        while (branches.Count < wanted)
        {
            var next = new List<SudokuBranch>(branches.Count * 2);
            var expanded = false;
            foreach (var branch in branches)
            {
                var outcome = solver.Propagate(branch.Grid, branch.Cell, branch.Digit, grid, out var cell, out var candidates);
                if (outcome != SudokuOutcome.Branch)
                {
                    // A leaf stays as it is: searching it costs its one node.
                    next.Add(branch);
                    continue;
                }

                expanded = true;
                var parent = (byte[])grid.Clone();
                var opened = branch.Opened + 1;
                while (candidates != 0)
                {
                    var bit = candidates & -candidates;
                    candidates ^= bit;
                    next.Add(new SudokuBranch(parent, cell, BitOperations.TrailingZeroCount(bit) + 1, opened));
                    opened = 0;
                }
            }

            branches = next;
            if (!expanded)
            {
                break;
            }
        }

        return new SudokuFrontier(branches);
    }
}
