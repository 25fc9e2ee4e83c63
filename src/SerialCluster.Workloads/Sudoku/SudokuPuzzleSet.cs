namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// Puzzles of one board size: puzzle p's digits (0 for a blank) at [cells·p, cells·p + cells) of <see cref="Grids"/>.
/// </summary>
public sealed record SudokuPuzzleSet(SudokuGeometry Geometry, byte[] Grids)
{
    /// <summary>Puzzles in the set.</summary>
    public int Count => Grids.Length / Geometry.Cells;

    /// <summary>A solver for this board size: the constant-table one for 9×9.</summary>
    public ISudokuSearch CreateSolver() => CreateSolver(Geometry);

    /// <summary>A solver for boards of <paramref name="geometry"/>: the constant-table one for 9×9.</summary>
    public static ISudokuSearch CreateSolver(SudokuGeometry geometry) =>
        geometry.Cells == SudokuTables.Cells ? new SudokuSolver() : new SudokuBoardSolver(geometry);
}
