using System.Globalization;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// Reads the <c>puzzles</c> text: one puzzle per line, 81, 256 or 625 characters (9×9, 16×16 or 25×25, the size read
/// from the first line; every line the same) of the digits 1-9 and then letters (16×16: A-G, 25×25: A-P, either case),
/// 0 or '.' for a blank; blank lines and lines starting with '#' are skipped. Empty text means the built-in set; text with no puzzle line
/// (only blank lines or comments) is refused.
/// </summary>
public static class SudokuPuzzles
{
    public const int MaxPuzzles = 100_000;

    /// <summary>
    /// The built-in set, every one checked unique by an independent solver (see the tests):
    /// Peter Norvig's first example from "Solving Every Sudoku Puzzle" (easy, 32 givens), his hard 17-clue
    /// example, Arto Inkala's "AI Escargot" (2006), Inkala's 2010 "world's hardest" puzzle, and the first
    /// 17-clue puzzle of Gordon Royle's collection.
    /// </summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        "003020600900305001001806400008102900700000008006708200002609500800203009005010300",
        "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......",
        "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3..",
        "8..........36......7..9.2...5...7.......457.....1...3...1....68..85...1..9....4..",
        "000000010400000000020000000000050407008000300001090000300400200050100000000806000",
    ];

    /// <summary>Parses the text into one digit per cell (0 for a blank), puzzle p at [cells·p, cells·p + cells).</summary>
    public static SudokuPuzzleSet Parse(string workload, string text)
    {
        // Only no text at all means the built-in set: a file of blank lines is a mistake, not a request for the default.
        if (text.Length == 0)
        {
            return Parse(workload, string.Join('\n', BuiltIn));
        }

        var grids = new List<byte>();
        SudokuGeometry? geometry = null;
        var count = 0;
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            if (count == MaxPuzzles)
            {
                throw new InvalidParameterException(
                    ParameterErrorKind.OutOfRange, workload, "puzzles", line.ToString(),
                    $"at most {MaxPuzzles.ToString("N0", CultureInfo.InvariantCulture)} puzzles", lineNumber, "one puzzle more");
            }

            if (geometry is null)
            {
                geometry = SudokuGeometry.ForCells(line.Length)
                    ?? throw Malformed(workload, line, lineNumber, $"{line.Length} characters, not 81, 256 or 625");
            }
            else if (line.Length != geometry.Cells)
            {
                throw Malformed(
                    workload, line, lineNumber,
                    $"{line.Length} characters where the first puzzle has {geometry.Cells} (every puzzle the same size)");
            }

            for (var i = 0; i < geometry.Cells; i++)
            {
                var c = char.ToUpperInvariant(line[i]);
                var digit = c == '.' ? 0 : SudokuGeometry.Symbols.IndexOf(c, StringComparison.Ordinal);
                if (digit < 0 || digit > geometry.Side)
                {
                    throw Malformed(workload, line, lineNumber, $"'{line[i]}' at column {i + 1}");
                }

                grids.Add((byte)digit);
            }

            count++;
        }

        if (count == 0)
        {
            throw new InvalidParameterException(
                ParameterErrorKind.Malformed, workload, "puzzles", text,
                "at least one puzzle line (the text has only blank lines and # comments; leave it empty for the built-in set)");
        }

        return new SudokuPuzzleSet(geometry!, [.. grids]);
    }

    private static InvalidParameterException Malformed(string workload, ReadOnlySpan<char> line, int lineNumber, string problem) =>
        new(ParameterErrorKind.Malformed, workload, "puzzles", line.ToString(),
            "one puzzle per line, 81 characters of 1-9 (9×9), 256 of 1-9 A-G (16×16) or 625 of 1-9 A-P (25×25), 0 or '.' for a blank",
            lineNumber,
            problem);
}
