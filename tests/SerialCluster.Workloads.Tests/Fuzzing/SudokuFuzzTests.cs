using CsCheck;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Sudoku;

namespace SerialCluster.Workloads.Tests.Fuzzing;

/// <summary>
/// Fuzzes the sudoku puzzle reader and the solver behind it: mutated built-in puzzles and random lines either parse
/// (and every parsed puzzle is searched to an answer: a valid solution keeping every given, or none) or are refused
/// naming parameter 'puzzles' in one line.
/// </summary>
public sealed class SudokuFuzzTests
{
    private static readonly Gen<string> MutatedPuzzles =
        Gen.Select(Gen.Int[0, SudokuPuzzles.BuiltIn.Count - 1].Array[1, 3], FuzzGen.Mutations, Gen.Bool)
            .Select(t =>
            {
                var (picks, mutations, comment) = t;
                var text = string.Join('\n', picks.Select(i => SudokuPuzzles.BuiltIn[i]));
                text = comment ? "# fuzzed\n" + text : text;
                return mutations.Aggregate(text, (current, m) => m.Apply(current));
            });

    /// <summary>One cell changed to any digit or blank: the most common way a real puzzle turns contradictory.</summary>
    private static readonly Gen<string> OneCellChanged =
        Gen.Select(Gen.Int[0, SudokuPuzzles.BuiltIn.Count - 1], Gen.Int[0, 80], Gen.Char["0123456789."])
            .Select(t =>
            {
                var (pick, cell, digit) = t;
                var puzzle = SudokuPuzzles.BuiltIn[pick].ToCharArray();
                puzzle[cell] = digit;
                return new string(puzzle);
            });

    [Fact]
    public void MutatedPuzzlesAreSolvedOrRefusedNamingPuzzles()
    {
        Gen.Frequency((3, MutatedPuzzles), (2, OneCellChanged)).Sample(Check, iter: 2000);
    }

    [Fact]
    public void RandomLinesAreReadOrRefusedNamingPuzzles()
    {
        var line = Gen.Frequency(
            (3, Gen.String[Gen.Char["0123456789."], 75, 86]),
            (1, Gen.String[Gen.Char["0123456789.#x \t\r"], 0, 90]),
            (1, FuzzGen.HostileText));
        line.Array[0, 6].Select(l => string.Join('\n', l)).Sample(
            text =>
            {
                try
                {
                    var grids = SudokuPuzzles.Parse("sudoku", text).Grids;
                    Assert.Equal(0, grids.Length % 81);
                    Assert.All(grids, g => Assert.InRange(g, (byte)0, (byte)9));
                }
                catch (InvalidParameterException e)
                {
                    ParameterFuzzTests.AssertClearRefusal(e, ["puzzles"]);
                }
            },
            iter: 4000);
    }

    private static void Check(string text)
    {
        try
        {
            var plan = Bounded.Run(() => new SudokuWorkload().Plan(new Dictionary<string, string> { ["puzzles"] = text, ["tasks"] = "2" }), () => text);
            var result = Bounded.Run(() => LocalPlanRunner.Run(plan, parallelism: 2).Result, () => text);
            var puzzles = string.IsNullOrWhiteSpace(text)
                ? [.. SudokuPuzzles.BuiltIn]
                : text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#').ToArray();
            var found = result["puzzles"]!.AsArray();
            Assert.Equal(puzzles.Length, found.Count);
            for (var i = 0; i < puzzles.Length; i++)
            {
                if (found[i]!["solution"]?.GetValue<string>() is { } solution)
                {
                    AssertSolves(puzzles[i], solution);
                }
            }
        }
        catch (InvalidParameterException e)
        {
            ParameterFuzzTests.AssertClearRefusal(e, ["puzzles", "tasks", "split"]);
        }
    }

    /// <summary>Independent of the solver: every given kept, every row, column and box a permutation of 1–9.</summary>
    private static void AssertSolves(string puzzle, string solution)
    {
        Assert.Equal(81, solution.Length);
        for (var i = 0; i < 81; i++)
        {
            if (puzzle[i] is >= '1' and <= '9')
            {
                Assert.Equal(puzzle[i], solution[i]);
            }
        }

        for (var unit = 0; unit < 9; unit++)
        {
            var row = Enumerable.Range(0, 9).Select(k => solution[(unit * 9) + k]);
            var column = Enumerable.Range(0, 9).Select(k => solution[(k * 9) + unit]);
            var box = Enumerable.Range(0, 9).Select(k => solution[((((unit / 3) * 3) + (k / 3)) * 9) + ((unit % 3) * 3) + (k % 3)]);
            Assert.Equal("123456789", string.Concat(row.Order()));
            Assert.Equal("123456789", string.Concat(column.Order()));
            Assert.Equal("123456789", string.Concat(box.Order()));
        }
    }
}
