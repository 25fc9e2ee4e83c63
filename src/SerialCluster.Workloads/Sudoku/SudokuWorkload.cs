using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// n²×n² sudoku (9×9, 16×16, 25×25) by depth-first search with singles propagation, from <c>puzzles</c> (text or file), <c>preset</c> or
/// <c>generate</c>. A batch is embarrassingly parallel; one hard puzzle is a serial search that <c>split</c> cuts into speculative subtrees. NP-complete,
/// so outside the serial scaling hypothesis (the paper's §2.3): it shows width against depth. <c>searchNodes</c> is always the serial search's count up
/// to where it stops (second solution with uniqueness, else first, else the tree's end); a split search replays the same number from its subtrees.
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
            "one puzzle per line: 81 characters of 1-9 (9×9), 256 of 1-9 A-G (16×16) or 625 of 1-9 A-P (25×25), 0 or '.' " +
            $"for a blank, every line the same size; blank lines and # comments skipped; at most {SudokuPuzzles.MaxPuzzles:N0} puzzles; " +
            "empty (and no preset or generate): a built-in 9×9 set (Norvig's examples, AI Escargot, Inkala 2010, a Royle 17-clue)"),
        ParameterSpec.Choice(
            "preset", SudokuPresets.None, SudokuPresets.Names,
            $"{SudokuPresets.Hard25}: one 25×25 puzzle, unique, whose serial search visits 241,747 nodes (about a second on one core); " +
            $"{SudokuPresets.None}: puzzles or generate decide"),
        ParameterSpec.Integer(
            "generate", 0, 0, SudokuPuzzles.MaxPuzzles,
            $"N > 0: N random easy 9×9 puzzles from seed (a shuffled solved grid, {SudokuGenerator.MinEasyBlanks}-{SudokuGenerator.MaxEasyBlanks} cells " +
            $"emptied; a few nodes each, not always unique); 0: off"),
        ParameterSpec.Integer("seed", 1, 0, long.MaxValue, "with generate: the seed that names the puzzles (the same seed, the same puzzles)"),
        ParameterSpec.Integer("tasks", 8, 1, MaxTasks, "independent tasks the puzzles are grouped into (at most one per puzzle)"),
        ParameterSpec.Integer("split", 1, 1, MaxSplit, "for exactly one puzzle: speculative subtrees searched in parallel (1: one serial search)"),
        ParameterSpec.Boolean("checkUnique", true, "search on for a second solution to decide uniqueness (false: stop at the first)"),
    ];

    public override string Name => "sudoku";

    public override string Summary =>
        "9×9, 16×16 or 25×25 sudoku by depth-first search with naked and hidden singles; solution, uniqueness and search nodes per puzzle " +
        "(generalized sudoku is NP-complete: outside the serial scaling hypothesis, §2.3)";

    public override string Lesson =>
        "width against depth, not P-completeness: many easy puzzles are wide (one independent search each); one hard puzzle is a deep " +
        "search that only speculation splits, paying for subtrees it throws away";

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
        var grids = Puzzles(parameters);
        var count = grids.Count;
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

    // One source of puzzles: two would leave it unclear which ones the job solves.
    private SudokuPuzzleSet Puzzles(ParameterValues parameters)
    {
        var text = parameters.GetString("puzzles");
        var preset = parameters.GetString("preset");
        var generate = parameters.GetInt32("generate");
        if (preset != SudokuPresets.None && text.Length > 0)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "preset", preset, $"{SudokuPresets.None} when puzzles is given (one source of puzzles)");
        }

        if (generate > 0 && (preset != SudokuPresets.None || text.Length > 0))
        {
            throw new InvalidParameterException(
                ParameterErrorKind.OutOfRange, Name, "generate", generate.ToString(CultureInfo.InvariantCulture),
                "0 when puzzles or preset is given (one source of puzzles)");
        }

        if (generate > 0)
        {
            return SudokuGenerator.Generate(generate, (ulong)parameters.GetInteger("seed"));
        }

        return SudokuPuzzles.Parse(Name, preset != SudokuPresets.None ? SudokuPresets.Text(preset) : text);
    }
}
