namespace SerialCluster.Cli.Contrast;

/// <summary>
/// A paired control of the serial scaling hypothesis: sides that differ in one thing (the rule, the algorithm, a secret,
/// the shape), the lesson the difference teaches, what the size parameter is called, how the first side is sized, and
/// where the pair's claim stops (<see cref="Scope"/>, e.g. sudoku is NP-complete, outside the hypothesis).
/// </summary>
public sealed record ContrastPair(
    string Id, string Title, string Lesson, string SizeName, ContrastSizing Sizing, IReadOnlyList<ContrastSide> Sides, string? Scope = null);
