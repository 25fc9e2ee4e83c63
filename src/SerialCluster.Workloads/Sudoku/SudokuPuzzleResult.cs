namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// What the search found for one puzzle: its first solution in search order (null when none),
/// how many solutions it found before stopping (at most the target: 1, or 2 when uniqueness is checked)
/// and the nodes the serial depth-first search visited up to that point.
/// </summary>
public sealed record SudokuPuzzleResult(byte[]? Solution, int Solutions, long SearchNodes);
