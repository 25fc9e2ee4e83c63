namespace SerialCluster.Workloads.Tests.Sudoku;

/// <summary>
/// The rules, checked with no solver code: every row, column and box of an n²×n² solution holds each symbol once,
/// and every given of the puzzle is kept. Symbols are 1-9 then A-P.
/// </summary>
public static class SudokuRules
{
    private const string Symbols = "123456789ABCDEFGHIJKLMNOP";

    public static void AssertSolves(string puzzle, string? solution)
    {
        Assert.NotNull(solution);
        Assert.Equal(puzzle.Length, solution.Length);
        var side = (int)Math.Round(Math.Sqrt(solution.Length));
        var n = (int)Math.Round(Math.Sqrt(side));
        Assert.Equal(solution.Length, side * side);
        Assert.Equal(side, n * n);
        var symbols = Symbols[..side];
        for (var i = 0; i < solution.Length; i++)
        {
            Assert.Contains(solution[i], symbols);
            if (puzzle[i] is not ('.' or '0'))
            {
                Assert.Equal(char.ToUpperInvariant(puzzle[i]), solution[i]);
            }
        }

        for (var u = 0; u < side; u++)
        {
            var row = Enumerable.Range(0, side).Select(k => solution[(u * side) + k]);
            var column = Enumerable.Range(0, side).Select(k => solution[(k * side) + u]);
            var box = Enumerable.Range(0, side).Select(k => solution[((((u / n) * n) + (k / n)) * side) + ((u % n) * n) + (k % n)]);
            Assert.Equal(symbols, string.Concat(row.Order()));
            Assert.Equal(symbols, string.Concat(column.Order()));
            Assert.Equal(symbols, string.Concat(box.Order()));
        }
    }

    public static string Text(byte[] grid) => string.Concat(grid.Select(d => d == 0 ? '.' : Symbols[d - 1]));
}
