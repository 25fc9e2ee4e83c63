namespace SerialCluster.Workloads.Sudoku;

/// <summary>How the propagation of one grid ended.</summary>
public enum SudokuOutcome
{
    /// <summary>Some cell or some digit of a unit has no candidate left.</summary>
    Contradiction,

    /// <summary>Every cell holds a digit.</summary>
    Solved,

    /// <summary>Propagation stopped with empty cells: the search must branch.</summary>
    Branch,
}
