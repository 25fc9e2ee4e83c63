using System.Globalization;
using SerialCluster.Kernels.Parameters;
using SerialCluster.Kernels.Plans;

namespace SerialCluster.Kernels.Workloads.Sudoku;

/// <summary>
/// Solves 9×9 sudoku puzzles by depth-first search with singles propagation. A batch of puzzles is
/// embarrassingly parallel (one independent search each); one hard puzzle is a serial search that
/// <c>split</c> cuts into speculative subtrees searched at once, first decisive subtree wins.
/// <para>
/// <c>searchNodes</c> is always the node count of the serial depth-first search (root plus every branch it
/// propagates) up to where it stops: at the second solution when uniqueness is checked, at the first
/// otherwise, or at the end of the tree. A split search reports the same number, replayed from its subtrees
/// in order, so it never depends on which subtree finished first.
/// </para>
/// </summary>
public sealed class SudokuWorkload : Workload
{
    public const string UnitName = "searches";
    public const int MaxTextLength = 9_000_000;
    public const int MaxTasks = SudokuPuzzles.MaxPuzzles;
    public const int MaxSplit = 4096;

    private static readonly ParameterSpec[] Specs =
    [
        ParameterSpec.Text(
            "puzzles", string.Empty, MaxTextLength, acceptsFile: true,
            "one puzzle per line: 81 characters of 1-9, 0 or '.' for a blank; blank lines and # comments skipped; " +
            $"at most {SudokuPuzzles.MaxPuzzles:N0} puzzles; empty: a built-in set (Norvig's examples, AI Escargot, Inkala 2010, a Royle 17-clue)"),
        ParameterSpec.Integer("tasks", 8, 1, MaxTasks, "independent tasks the puzzles are grouped into (at most one per puzzle)"),
        ParameterSpec.Integer("split", 1, 1, MaxSplit, "for exactly one puzzle: speculative subtrees searched in parallel (1: one serial search)"),
        ParameterSpec.Boolean("checkUnique", true, "search on for a second solution to decide uniqueness (false: stop at the first)"),
    ];

    public override string Name => "sudoku";

    public override string Summary => "9×9 sudoku by depth-first search with naked and hidden singles; solution, uniqueness and search nodes per puzzle";

    public override string Lesson =>
        "many easy puzzles are wide (one independent search each); one hard puzzle is a deep search that only speculation splits, paying for subtrees it throws away";

    public override string Unit => UnitName;

    public override string WorkFormula => "puzzles (one search each); with split: split subtree searches";

    public override string SpanFormula => "ceil(puzzles / tasks); with split: 1 subtree search";

    public override IReadOnlyList<ParameterSpec> Parameters => Specs;

    public override IReadOnlyDictionary<string, string> Example { get; } = new Dictionary<string, string>
    {
        ["tasks"] = "5",
    };

    public override WorkloadPlan Compile(ParameterValues parameters)
    {
        var grids = SudokuPuzzles.Parse(Name, parameters.GetString("puzzles"));
        var count = grids.Length / SudokuTables.Cells;
        var split = parameters.GetInt32("split");
        if (split > 1)
        {
            if (count != 1)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, Name, "split", split.ToString(CultureInfo.InvariantCulture),
                    $"1 unless puzzles holds exactly one puzzle (it holds {count})");
            }

            return new SudokuSplitPlan(parameters, grids, split);
        }

        // More tasks than puzzles would leave tasks empty; the default must also fit a small file.
        var tasks = (int)Math.Min(parameters.GetInteger("tasks"), count);
        return new SudokuBatchPlan(parameters, grids, tasks);
    }
}
