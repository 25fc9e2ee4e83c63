namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// One subtree of a split search: the root (<see cref="Cell"/> = −1, <see cref="Grid"/> = the givens) or the
/// branch that writes <see cref="Digit"/> at <see cref="Cell"/> into the propagated grid <see cref="Grid"/>.
/// <see cref="Opened"/> counts the splitter's internal nodes that the full depth-first search visits just
/// before this subtree (those whose leftmost subtree it is), so node counts add up to the full search's.
/// </summary>
public sealed record SudokuBranch(byte[] Grid, int Cell, int Digit, long Opened);
