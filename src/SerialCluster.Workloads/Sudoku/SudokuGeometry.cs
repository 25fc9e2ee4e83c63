namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// The geometry of an n²×n² board for box size n = 3, 4 or 5 (9×9, 16×16, 25×25): cell i lies in row i / n², column
/// i % n² and box n·(row / n) + column / n. Units are numbered rows, then columns, then boxes, n² each; digits are
/// bits 0 … n² − 1 of an int. The 9×9 solver keeps its own constant tables (<see cref="SudokuTables"/>), which these
/// equal for n = 3 (the tests check it).
/// </summary>
public sealed class SudokuGeometry
{
    public const int MinBoxSize = 3;
    public const int MaxBoxSize = 5;

    /// <summary>Symbol of each digit: 0 (blank) then 1-9, then letters, so 16×16 uses 1-9 A-G and 25×25 1-9 A-P.</summary>
    public const string Symbols = "0123456789ABCDEFGHIJKLMNOP";

    private static readonly SudokuGeometry[] Instances =
        [.. Enumerable.Range(MinBoxSize, MaxBoxSize - MinBoxSize + 1).Select(n => new SudokuGeometry(n))];

    private readonly short[] _unitCells;
    private readonly short[] _peers;

    private SudokuGeometry(int boxSize)
    {
        BoxSize = boxSize;
        Side = boxSize * boxSize;
        Cells = Side * Side;
        Units = 3 * Side;
        AllDigits = (1 << Side) - 1;
        PeerCount = (2 * (Side - 1)) + ((boxSize - 1) * (boxSize - 1));

        var unitCells = new short[Units * Side];
        var peers = new short[Cells * PeerCount];
        for (var cell = 0; cell < Cells; cell++)
        {
            int row = cell / Side, column = cell % Side;
            var box = (boxSize * (row / boxSize)) + (column / boxSize);
            unitCells[(row * Side) + column] = (short)cell;
            unitCells[((Side + column) * Side) + row] = (short)cell;
            unitCells[(((2 * Side) + box) * Side) + (boxSize * (row % boxSize)) + (column % boxSize)] = (short)cell;
        }

        for (var cell = 0; cell < Cells; cell++)
        {
            // Ascending cell order, as SudokuTables.Peers lists them: the order peers are struck in is part of
            // which cells a propagation queues first, so it is part of the search's node count.
            var k = 0;
            for (var other = 0; other < Cells; other++)
            {
                if (other != cell && SharesUnit(cell, other))
                {
                    peers[(cell * PeerCount) + k++] = (short)other;
                }
            }
        }

        _unitCells = unitCells;
        _peers = peers;
    }

    /// <summary>n: a box is n×n.</summary>
    public int BoxSize { get; }

    /// <summary>n²: digits, and cells per unit.</summary>
    public int Side { get; }

    /// <summary>n⁴.</summary>
    public int Cells { get; }

    /// <summary>3·n².</summary>
    public int Units { get; }

    /// <summary>Every digit as a bit: digit d is bit d − 1.</summary>
    public int AllDigits { get; }

    /// <summary>Other cells sharing a row, column or box with a cell: 2(n² − 1) + (n − 1)².</summary>
    public int PeerCount { get; }

    /// <summary>The n² cells of each unit, unit u at [n²·u, n²·u + n²).</summary>
    public ReadOnlySpan<short> UnitCells => _unitCells;

    /// <summary>The peers of each cell in ascending order, cell i at [PeerCount·i, PeerCount·(i + 1)).</summary>
    public ReadOnlySpan<short> Peers => _peers;

    /// <summary>The geometry of box size <paramref name="boxSize"/> (3 to 5).</summary>
    public static SudokuGeometry ForBoxSize(int boxSize) =>
        boxSize is >= MinBoxSize and <= MaxBoxSize
            ? Instances[boxSize - MinBoxSize]
            : throw new ArgumentOutOfRangeException(nameof(boxSize), boxSize, $"Box sizes run from {MinBoxSize} to {MaxBoxSize}.");

    /// <summary>The geometry whose boards have <paramref name="cells"/> cells, or null when none has.</summary>
    public static SudokuGeometry? ForCells(int cells) => Instances.FirstOrDefault(g => g.Cells == cells);

    private bool SharesUnit(int a, int b)
    {
        int rowA = a / Side, columnA = a % Side, rowB = b / Side, columnB = b % Side;
        return rowA == rowB || columnA == columnB ||
            (rowA / BoxSize == rowB / BoxSize && columnA / BoxSize == columnB / BoxSize);
    }
}
