using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// Deterministic puzzles from a seed: a solved board digit(r, c) = (n·(r mod n) + ⌊r / n⌋ + c) mod n², its digits relabelled and its bands, stacks,
/// and the rows and columns inside each shuffled (moves that keep it valid), then the first <c>blanks</c> cells of a shuffled order emptied. Every draw
/// is SplitMix64 output k of the seed, so a seed names its puzzle on every silo. Neither a unique solution nor a difficulty is promised.
/// </summary>
public static class SudokuGenerator
{
    /// <summary>Fewest and most cells emptied in each puzzle of <see cref="Generate"/>: easy 9×9 puzzles.</summary>
    public const int MinEasyBlanks = 30, MaxEasyBlanks = 35;

    /// <summary>A solved board of <paramref name="geometry"/>'s size, one digit per cell.</summary>
    public static byte[] Solved(SudokuGeometry geometry, ulong seed)
    {
        ulong draw = 0;
        int n = geometry.BoxSize, side = geometry.Side;
        var digits = Permutation(side, seed, ref draw);
        var rows = Lines(n, seed, ref draw);
        var columns = Lines(n, seed, ref draw);
        var board = new byte[geometry.Cells];
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                int row = rows[r], column = columns[c];
                var pattern = ((n * (row % n)) + (row / n) + column) % side;
                board[(r * side) + c] = (byte)(digits[pattern] + 1);
            }
        }

        return board;
    }

    /// <summary><see cref="Solved"/> with <paramref name="blanks"/> cells emptied (0), chosen by the same seed (uniformly).</summary>
    public static byte[] Puzzle(SudokuGeometry geometry, ulong seed, int blanks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blanks);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blanks, geometry.Cells);
        var board = Solved(geometry, seed);

        // The last `blanks` places of a Fisher–Yates shuffle are a uniform subset, so only those swaps are drawn
        // (a stream of their own: output k of seed + 1). Generate makes a hundred thousand of these per compile.
        var cells = new short[geometry.Cells];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = (short)i;
        }

        ulong draw = 0;
        for (var i = cells.Length - 1; i >= cells.Length - blanks; i--)
        {
            var j = Below(i + 1, seed + 1, draw++);
            (cells[i], cells[j]) = (cells[j], cells[i]);
            board[cells[i]] = 0;
        }

        return board;
    }

    /// <summary>
    /// A puzzle with one solution and a long search: from <see cref="Solved"/>, blank the cells of a shuffled order one by one while exactly one
    /// solution remains, until checking takes at least <paramref name="searchNodes"/> nodes (or no cell can go). Deterministic (no time limits). Slow by
    /// nature, every step a full search, so presets are made once and kept as text (<see cref="SudokuPresets"/>).
    /// </summary>
    public static byte[] Harden(SudokuGeometry geometry, ulong seed, long searchNodes)
    {
        var board = Solved(geometry, seed);
        ulong draw = 0;
        var order = Permutation(geometry.Cells, seed + 1, ref draw);
        var solver = SudokuPuzzleSet.CreateSolver(geometry);
        foreach (var cell in order)
        {
            var digit = board[cell];
            board[cell] = 0;
            solver.Reset(2);
            solver.SearchPuzzle(board);
            if (solver.Solutions != 1)
            {
                board[cell] = digit;
            }
            else if (solver.Nodes >= searchNodes)
            {
                break;
            }
        }

        return board;
    }

    /// <summary>
    /// <paramref name="count"/> easy 9×9 puzzles: puzzle i is <see cref="Puzzle"/> of seed SplitMix64(seed, i) with
    /// <see cref="MinEasyBlanks"/> to <see cref="MaxEasyBlanks"/> cells emptied.
    /// </summary>
    public static SudokuPuzzleSet Generate(int count, ulong seed)
    {
        var geometry = SudokuGeometry.ForBoxSize(3);
        var grids = new byte[count * geometry.Cells];
        for (var i = 0; i < count; i++)
        {
            var puzzleSeed = SplitMix64.At(seed, (ulong)i);
            var blanks = MinEasyBlanks + Below(MaxEasyBlanks - MinEasyBlanks + 1, puzzleSeed + 2, 0);
            Puzzle(geometry, puzzleSeed, blanks).CopyTo(grids.AsSpan(i * geometry.Cells));
        }

        return new SudokuPuzzleSet(geometry, grids);
    }

    // Band order, then the rows inside each band: line k of the result is the pattern line shown there.
    private static int[] Lines(int n, ulong seed, ref ulong draw)
    {
        var bands = Permutation(n, seed, ref draw);
        var lines = new int[n * n];
        for (var position = 0; position < n; position++)
        {
            var inside = Permutation(n, seed, ref draw);
            for (var i = 0; i < n; i++)
            {
                lines[(position * n) + i] = (bands[position] * n) + inside[i];
            }
        }

        return lines;
    }

    // Fisher–Yates over 0 … count − 1.
    private static int[] Permutation(int count, ulong seed, ref ulong draw)
    {
        var items = new int[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = i;
        }

        for (var i = count - 1; i > 0; i--)
        {
            var j = Below(i + 1, seed, draw++);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    // Uniform on [0, bound) from output k of the seed (Lemire's multiply-shift; the bias of 2^-64 is immaterial).
    private static int Below(int bound, ulong seed, ulong k) =>
        (int)(((UInt128)SplitMix64.At(seed, k) * (ulong)bound) >> 64);
}
