using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Sudoku;

namespace SerialCluster.Workloads.Tests.Sudoku;

public sealed class SudokuWorkloadTests
{
    private const string Escargot = "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3..";
    private const string Inkala2010 = "8..........36......7..9.2...5...7.......457.....1...3...1....68..85...1..9....4..";

    // AI Escargot with an 8 written into cell 1, where its unique solution has a 6: no solution at all
    // (any solution would also solve AI Escargot). Zero solutions confirmed by an independent Python solver.
    private const string NoSolution = "18...7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3..";

    // AI Escargot without its last given (the 3 in cell 78): the Python solver finds at least three solutions.
    private const string Several = "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7......";

    // The built-in set in order, with the solutions an independent Python backtracking solver (MRV, no shared
    // code) found; each is the only one it found. AI Escargot's is also the one published with the puzzle.
    private static readonly string[] BuiltInSolutions =
    [
        "483921657967345821251876493548132976729564138136798245372689514814253769695417382",
        "417369825632158947958724316825437169791586432346912758289643571573291684164875293",
        "162857493534129678789643521475312986913586742628794135356478219241935867897261354",
        "812753649943682175675491283154237896369845721287169534521974368438526917796318452",
        "693784512487512936125963874932651487568247391741398625319475268856129743274836159",
    ];

    private static JsonObject Run(Dictionary<string, string> parameters, int parallelism = 1) =>
        LocalPlanRunner.Run(new SudokuWorkload().Plan(parameters), parallelism).Result;

    private static JsonObject Single(string puzzle, int split = 1, bool checkUnique = true, int parallelism = 1) =>
        Run(
            new Dictionary<string, string>
            {
                ["puzzles"] = puzzle,
                ["split"] = split.ToString(CultureInfo.InvariantCulture),
                ["checkUnique"] = checkUnique ? "true" : "false",
            },
            parallelism);

    private static JsonObject Puzzle(JsonObject result, int index) => result["puzzles"]![index]!.AsObject();

    /// <summary>Independent of the solver: every row, column and box holds 1–9 once, and every given is kept.</summary>
    private static void AssertValidSolution(string puzzle, string? solution)
    {
        Assert.NotNull(solution);
        Assert.Equal(81, solution.Length);
        for (var i = 0; i < 81; i++)
        {
            Assert.InRange(solution[i], '1', '9');
            if (puzzle[i] is >= '1' and <= '9')
            {
                Assert.Equal(puzzle[i], solution[i]);
            }
        }

        for (var unit = 0; unit < 9; unit++)
        {
            var row = new HashSet<char>();
            var column = new HashSet<char>();
            var box = new HashSet<char>();
            for (var k = 0; k < 9; k++)
            {
                row.Add(solution[(unit * 9) + k]);
                column.Add(solution[(k * 9) + unit]);
                box.Add(solution[((((unit / 3) * 3) + (k / 3)) * 9) + ((unit % 3) * 3) + (k % 3)]);
            }

            Assert.Equal(9, row.Count);
            Assert.Equal(9, column.Count);
            Assert.Equal(9, box.Count);
        }
    }

    [Fact]
    public void BuiltInSetIsSolvedUniquelyWithTheIndependentSolutions()
    {
        var result = Run([]);
        Assert.Equal(5, result["count"]!.GetValue<int>());
        Assert.Equal(5, result["solvedCount"]!.GetValue<int>());
        Assert.Equal(5, result["uniqueCount"]!.GetValue<int>());
        for (var i = 0; i < 5; i++)
        {
            var puzzle = Puzzle(result, i);
            var solution = puzzle["solution"]!.GetValue<string>();
            AssertValidSolution(SudokuPuzzles.BuiltIn[i], solution);
            Assert.Equal(BuiltInSolutions[i], solution);
            Assert.True(puzzle["solved"]!.GetValue<bool>());
            Assert.True(puzzle["unique"]!.GetValue<bool>());
            Assert.True(puzzle["searchNodes"]!.GetValue<long>() >= 1);
        }
    }

    [Fact]
    public void PuzzleWithoutSolutionIsReportedAsSuch()
    {
        var puzzle = Puzzle(Single(NoSolution), 0);
        Assert.Null(puzzle["solution"]);
        Assert.False(puzzle["solved"]!.GetValue<bool>());
        Assert.False(puzzle["unique"]!.GetValue<bool>());
    }

    [Fact]
    public void ContradictoryGivensAreANoSolutionNotAnError()
    {
        var result = Single("11" + new string('.', 79));
        Assert.False(Puzzle(result, 0)["solved"]!.GetValue<bool>());
        Assert.Equal(1, Puzzle(result, 0)["searchNodes"]!.GetValue<long>());
        Assert.Equal(1, result["noSolutionCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(Several)]
    [InlineData(".................................................................................")]
    public void PuzzleWithSeveralSolutionsIsSolvedButNotUnique(string text)
    {
        var result = Single(text);
        var puzzle = Puzzle(result, 0);
        AssertValidSolution(text, puzzle["solution"]!.GetValue<string>());
        Assert.True(puzzle["solved"]!.GetValue<bool>());
        Assert.False(puzzle["unique"]!.GetValue<bool>());
        Assert.Equal(1, result["multipleSolutionsCount"]!.GetValue<int>());
    }

    [Fact]
    public void WithoutTheUniquenessCheckTheSearchStopsAtTheFirstSolution()
    {
        var full = Puzzle(Single(Escargot), 0);
        var first = Puzzle(Single(Escargot, checkUnique: false), 0);
        Assert.Equal(full["solution"]!.GetValue<string>(), first["solution"]!.GetValue<string>());
        Assert.Null(first["unique"]);
        Assert.True(first["searchNodes"]!.GetValue<long>() < full["searchNodes"]!.GetValue<long>());
    }

    [Theory]
    [InlineData(Escargot)]
    [InlineData(Inkala2010)]
    [InlineData(NoSolution)]
    [InlineData(Several)]
    [InlineData(".................................................................................")]
    [InlineData("11...............................................................................")]
    public void SplitSearchEqualsTheSerialSearch(string puzzle)
    {
        foreach (var checkUnique in new[] { true, false })
        {
            var serial = Single(puzzle, 1, checkUnique).ToJsonString();
            foreach (var split in new[] { 2, 3, 8, 64, 500 })
            {
                Assert.Equal(serial, Single(puzzle, split, checkUnique, parallelism: 1).ToJsonString());
                Assert.Equal(serial, Single(puzzle, split, checkUnique, parallelism: 4).ToJsonString());
            }
        }
    }

    [Fact]
    public void OnlyTasksAfterTheDecisiveOneAreCancelled()
    {
        var plan = new SudokuWorkload().Plan(new Dictionary<string, string>
        {
            ["puzzles"] = Several,
            ["split"] = "16",
            ["checkUnique"] = "false",
        });
        var run = LocalPlanRunner.Run(plan, parallelism: 4, keepStageOutputs: true);
        var outputs = run.StageOutputs[0];
        var decisive = Enumerable.Range(0, outputs.Count).First(t => plan.IsDecisive(0, t, outputs[t]));
        Assert.All(outputs.Take(decisive), output => Assert.NotEmpty(output));
        Assert.Equal(Single(Several, checkUnique: false).ToJsonString(), run.Result.ToJsonString());
    }

    [Fact]
    public void SplitSubtreesPartitionTheSearch()
    {
        // Each subtree searched to its end, node counts plus the splitter's internal nodes add up to the full search.
        var givens = Inkala2010.Select(c => c == '.' ? (byte)0 : (byte)(c - '0')).ToArray();
        var solver = new SudokuSolver();
        solver.Reset(target: 100);
        solver.SearchPuzzle(givens);
        var full = solver.Nodes;
        var frontier = SudokuFrontier.Build(givens, 16);
        Assert.True(frontier.Branches.Count >= 16);
        solver.Reset(target: 100);
        foreach (var branch in frontier.Branches)
        {
            solver.AddNodes(branch.Opened);
            solver.SearchBranch(branch.Grid, branch.Cell, branch.Digit);
        }

        Assert.Equal(full, solver.Nodes);
        Assert.Equal(1, solver.Solutions);
    }

    [Fact]
    public void BatchResultsDoNotDependOnTasksOrParallelism()
    {
        var lines = new List<string>(SudokuPuzzles.BuiltIn) { NoSolution, Several, Escargot, new string('0', 81) };
        // Variants of the built-ins with one given removed: a mix of unique and several-solution puzzles.
        foreach (var puzzle in SudokuPuzzles.BuiltIn)
        {
            var last = puzzle.LastIndexOfAny("123456789".ToCharArray());
            lines.Add(puzzle[..last] + "." + puzzle[(last + 1)..]);
        }

        var text = string.Join('\n', lines);
        string Batch(int tasks, int parallelism) => Run(
            new Dictionary<string, string> { ["puzzles"] = text, ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture) },
            parallelism).ToJsonString();

        var reference = Batch(1, 1);
        foreach (var tasks in new[] { 2, 5, 7, lines.Count, 1000 })
        {
            Assert.Equal(reference, Batch(tasks, 1));
            Assert.Equal(reference, Batch(tasks, 4));
        }

        var result = JsonNode.Parse(reference)!.AsObject();
        Assert.Equal(lines.Count, result["count"]!.GetValue<int>());
        for (var i = 0; i < lines.Count; i++)
        {
            var puzzle = Puzzle(result, i);
            if (puzzle["solved"]!.GetValue<bool>())
            {
                AssertValidSolution(lines[i].Replace('0', '.'), puzzle["solution"]!.GetValue<string>());
            }

            // A batch puzzle's result is its own serial search's.
            Assert.Equal(Puzzle(Single(lines[i]), 0).ToJsonString(), puzzle.ToJsonString());
        }
    }

    [Fact]
    public void CommentsBlankLinesAndBothBlankMarksAreRead()
    {
        var text = "# a comment\r\n\r\n  " + Escargot + "  \n# another\n" + Escargot.Replace('.', '0') + "\n\n";
        var result = Run(new Dictionary<string, string> { ["puzzles"] = text });
        Assert.Equal(2, result["count"]!.GetValue<int>());
        Assert.Equal(Puzzle(result, 0).ToJsonString(), Puzzle(result, 1).ToJsonString());
    }

    [Theory]
    [InlineData("# header\n" + Escargot + "\n" + "1234", "line 3: 4 characters")]
    [InlineData(Escargot + "\n\n" + "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3.x", "line 3: 'x' at column 81")]
    [InlineData("# only a comment\n\n", "at least one puzzle")]
    [InlineData("\n\n\n", "at least one puzzle")]
    [InlineData("  \r\n\t\n", "at least one puzzle")]
    public void MalformedPuzzlesAreRefusedWithTheLine(string text, string expected)
    {
        var error = Assert.Throws<InvalidParameterException>(() => new SudokuWorkload().Plan(new Dictionary<string, string> { ["puzzles"] = text }));
        Assert.Equal("puzzles", error.Parameter);
        Assert.Equal(ParameterErrorKind.Malformed, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanTheLimitOfPuzzlesIsRefused()
    {
        var text = new StringBuilder();
        for (var i = 0; i <= SudokuPuzzles.MaxPuzzles; i++)
        {
            text.Append(Escargot).Append('\n');
        }

        var error = Assert.Throws<InvalidParameterException>(() => new SudokuWorkload().Plan(new Dictionary<string, string> { ["puzzles"] = text.ToString() }));
        Assert.Equal("puzzles", error.Parameter);
        Assert.Equal(ParameterErrorKind.OutOfRange, error.Kind);
    }

    [Fact]
    public void SplitNeedsExactlyOnePuzzle()
    {
        var error = Assert.Throws<InvalidParameterException>(() => new SudokuWorkload().Plan(new Dictionary<string, string> { ["split"] = "4" }));
        Assert.Equal("split", error.Parameter);
    }

    [Fact]
    public void WorkAndSpanCountSearches()
    {
        var batch = new SudokuWorkload().Plan(new Dictionary<string, string> { ["tasks"] = "2" });
        Assert.Equal(5, batch.Work);
        Assert.Equal(3, batch.Span);
        var split = new SudokuWorkload().Plan(new Dictionary<string, string> { ["puzzles"] = Escargot, ["split"] = "6" });
        Assert.True(split.Stages[0].Speculative);
        Assert.Equal(6, split.Work);
        Assert.Equal(1, split.Span);
    }

    [Fact]
    public void ExampleRuns()
    {
        var workload = new SudokuWorkload();
        var result = LocalPlanRunner.Run(workload.Plan(workload.Example)).Result;
        Assert.Equal(5, result["solvedCount"]!.GetValue<int>());
    }
}
