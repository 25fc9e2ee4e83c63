using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Sudoku;

namespace SerialCluster.Workloads.Tests.Sudoku;

public sealed class SudokuLargeBoardTests
{
    private static JsonObject Run(Dictionary<string, string> parameters, int parallelism = 1) =>
        LocalPlanRunner.Run(new SudokuWorkload().Plan(parameters), parallelism).Result;

    private static string Sixteen(ulong seed, int blanks) =>
        SudokuRules.Text(SudokuGenerator.Puzzle(SudokuGeometry.ForBoxSize(4), seed, blanks));

    [Fact]
    public void SixteenBySixteenPuzzlesAreSolvedByTheRules()
    {
        var puzzles = new[] { Sixteen(1, 100), Sixteen(2, 140), Sixteen(3, 160).ToLowerInvariant().Replace('.', '0') };
        var result = Run(new Dictionary<string, string> { ["puzzles"] = string.Join('\n', puzzles), ["tasks"] = "2" });
        Assert.Equal(3, result["solvedCount"]!.GetValue<int>());
        for (var i = 0; i < puzzles.Length; i++)
        {
            SudokuRules.AssertSolves(puzzles[i], result["puzzles"]![i]!["solution"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData(1, 120, 4, true)]    // solved by propagation alone: one node
    [InlineData(6, 160, 16, true)]   // two solutions, the second at node 133
    [InlineData(6, 160, 16, false)]
    public void SplitSearchOfABigBoardEqualsTheSerialSearch(ulong seed, int blanks, int split, bool checkUnique) =>
        AssertSplitEqualsSerial(Sixteen(seed, blanks), split, checkUnique);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SplitSearchOfAUniqueSixteenBySixteenEqualsTheSerialSearch(bool checkUnique)
    {
        // One solution at node 253 of a tree of 4,387: with uniqueness checked every subtree must be searched.
        var puzzle = SudokuRules.Text(SudokuGenerator.Harden(SudokuGeometry.ForBoxSize(4), 1, 3_000));
        var serial = AssertSplitEqualsSerial(puzzle, 64, checkUnique);
        Assert.Equal(checkUnique ? 4_387 : 253, serial["searchNodes"]!.GetValue<long>());
    }

    private static JsonObject AssertSplitEqualsSerial(string puzzle, int split, bool checkUnique)
    {
        var unique = checkUnique ? "true" : "false";
        var serial = Run(new Dictionary<string, string> { ["puzzles"] = puzzle, ["checkUnique"] = unique });
        var parallel = Run(
            new Dictionary<string, string> { ["puzzles"] = puzzle, ["checkUnique"] = unique, ["split"] = split.ToString(CultureInfo.InvariantCulture) },
            parallelism: 2);
        Assert.Equal(serial.ToJsonString(), parallel.ToJsonString());
        SudokuRules.AssertSolves(puzzle, serial["puzzles"]![0]!["solution"]!.GetValue<string>());
        return serial;
    }

    [Fact]
    public void Hard25IsUniqueAndItsSplitSearchVisitsTheSameNodes()
    {
        // The expensive answer, checked cheaply: the solution keeps the rules and the clues; the search finds no other.
        var serial = Run(new Dictionary<string, string> { ["preset"] = "hard25" });
        var puzzle = serial["puzzles"]![0]!.AsObject();
        SudokuRules.AssertSolves(SudokuPresets.Hard25Puzzle, puzzle["solution"]!.GetValue<string>());
        Assert.True(puzzle["unique"]!.GetValue<bool>());
        Assert.Equal(241_747, puzzle["searchNodes"]!.GetValue<long>());

        var split = Run(new Dictionary<string, string> { ["preset"] = "hard25", ["split"] = "8" }, parallelism: 2);
        Assert.Equal(serial.ToJsonString(), split.ToJsonString());
    }

    [Fact]
    public void Hard25IsTwentyFiveByTwentyFiveWithTheBlanksItWasMadeWith()
    {
        Assert.Equal(625, SudokuPresets.Hard25Puzzle.Length);
        Assert.Equal(331, SudokuPresets.Hard25Puzzle.Count(c => c == '0'));

        // Its clues are those of the solved board the generator starts from (seed 1).
        var solved = SudokuGenerator.Solved(SudokuGeometry.ForBoxSize(5), 1);
        for (var i = 0; i < 625; i++)
        {
            if (SudokuPresets.Hard25Puzzle[i] != '0')
            {
                Assert.Equal(SudokuGeometry.Symbols[solved[i]], SudokuPresets.Hard25Puzzle[i]);
            }
        }
    }

    [Theory]
    [InlineData("A", "'A' at column 1")]  // a letter on a 9×9 board
    public void NineByNineTakesNoLetters(string first, string expected)
    {
        var text = first + new string('.', 80);
        var error = Assert.Throws<InvalidParameterException>(() => Run(new Dictionary<string, string> { ["puzzles"] = text }));
        Assert.Equal("puzzles", error.Parameter);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SixteenBySixteenStopsAtG()
    {
        var text = "H" + new string('.', 255);
        var error = Assert.Throws<InvalidParameterException>(() => Run(new Dictionary<string, string> { ["puzzles"] = text }));
        Assert.Contains("'H' at column 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPuzzleOfATextHasOneSize()
    {
        var text = new string('.', 81) + "\n" + new string('.', 256);
        var error = Assert.Throws<InvalidParameterException>(() => Run(new Dictionary<string, string> { ["puzzles"] = text }));
        Assert.Equal("puzzles", error.Parameter);
        Assert.Contains("line 2: 256 characters where the first puzzle has 81", error.Message, StringComparison.Ordinal);
    }
}
