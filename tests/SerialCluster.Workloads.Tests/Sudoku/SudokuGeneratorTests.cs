using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Sudoku;

namespace SerialCluster.Workloads.Tests.Sudoku;

public sealed class SudokuGeneratorTests
{
    private static JsonObject Run(Dictionary<string, string> parameters, int parallelism = 1) =>
        LocalPlanRunner.Run(new SudokuWorkload().Plan(parameters), parallelism).Result;

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void SolvedBoardsKeepTheRules(int n)
    {
        var geometry = SudokuGeometry.ForBoxSize(n);
        foreach (var seed in new ulong[] { 0, 1, 2, 12345, ulong.MaxValue })
        {
            var board = SudokuRules.Text(SudokuGenerator.Solved(geometry, seed));
            SudokuRules.AssertSolves(board, board);
        }

        Assert.NotEqual(SudokuGenerator.Solved(geometry, 1), SudokuGenerator.Solved(geometry, 2));
    }

    [Fact]
    public void GeneratedPuzzlesAreTheSameForASeedAndDifferForAnother()
    {
        var first = SudokuGenerator.Generate(50, 7);
        Assert.Equal(first.Grids, SudokuGenerator.Generate(50, 7).Grids);
        Assert.NotEqual(first.Grids, SudokuGenerator.Generate(50, 8).Grids);

        // Puzzle i does not depend on how many are asked for.
        Assert.Equal(first.Grids.AsSpan(0, 10 * 81).ToArray(), SudokuGenerator.Generate(10, 7).Grids);
        foreach (var grid in first.Grids.Chunk(81))
        {
            Assert.InRange(grid.Count(d => d == 0), SudokuGenerator.MinEasyBlanks, SudokuGenerator.MaxEasyBlanks);
        }
    }

    [Fact]
    public void GeneratedPuzzlesAreSolvedKeepingTheirClues()
    {
        var parameters = new Dictionary<string, string> { ["generate"] = "200", ["seed"] = "42", ["tasks"] = "7" };
        var result = Run(parameters);
        Assert.Equal(200, result["count"]!.GetValue<int>());
        Assert.Equal(200, result["solvedCount"]!.GetValue<int>());
        var grids = SudokuGenerator.Generate(200, 42).Grids.Chunk(81).ToArray();
        for (var i = 0; i < grids.Length; i++)
        {
            SudokuRules.AssertSolves(SudokuRules.Text(grids[i]), result["puzzles"]![i]!["solution"]!.GetValue<string>());
        }

        // Easy: a handful of nodes each. And the same result at any grouping and parallelism.
        Assert.InRange(result["searchNodes"]!.GetValue<long>(), 200, 200 * 20);
        parameters["tasks"] = "3";
        Assert.Equal(result.ToJsonString(), Run(parameters, parallelism: 3).ToJsonString());
    }

    [Fact]
    public void NoParametersStillMeanTheBuiltInSet()
    {
        var result = Run([]);
        Assert.Equal(SudokuPuzzles.BuiltIn.Count, result["count"]!.GetValue<int>());
        var explicitSet = Run(new Dictionary<string, string> { ["puzzles"] = string.Join('\n', SudokuPuzzles.BuiltIn), ["seed"] = "99" });
        Assert.Equal(result.ToJsonString(), explicitSet.ToJsonString());
    }

    [Theory]
    [InlineData("generate", "5", "preset", "hard25", "generate")]
    [InlineData("generate", "5", "puzzles", "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3..", "generate")]
    [InlineData("preset", "hard25", "puzzles", "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3..", "preset")]
    public void OneSourceOfPuzzlesOnly(string a, string aValue, string b, string bValue, string refused)
    {
        var error = Assert.Throws<SerialCluster.Workloads.Parameters.InvalidParameterException>(
            () => new SudokuWorkload().Plan(new Dictionary<string, string> { [a] = aValue, [b] = bValue }));
        Assert.Equal(refused, error.Parameter);
        Assert.Contains("one source of puzzles", error.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateIsBoundedLikeAFile()
    {
        var error = Assert.Throws<SerialCluster.Workloads.Parameters.InvalidParameterException>(
            () => new SudokuWorkload().Plan(new Dictionary<string, string>
            {
                ["generate"] = (SudokuPuzzles.MaxPuzzles + 1).ToString(CultureInfo.InvariantCulture),
            }));
        Assert.Equal("generate", error.Parameter);
    }
}
