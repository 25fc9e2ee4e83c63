using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// Depth-first search over 9×9 grids: 81 digits plus a nine-bit candidate mask per cell; writing a digit strikes it from the cell's 20 peers. Each node
/// propagates naked and hidden singles to a fixed point, then branches on the first empty cell with fewest candidates, digits ascending; grids are
/// copied per depth, so backtracking is free. Candidates depend only on digits, so a split search can restart a subtree from digits alone. A node is one
/// grid propagated (the root and every branch); counters add up until <see cref="Reset"/>, so one task can walk several subtrees in order.
/// </summary>
public sealed class SudokuSolver : ISudokuSearch
{
    private const int MaxDepth = SudokuTables.Cells + 1;
    private const int CancellationCheckMask = 4095;

    private readonly byte[] _cells = new byte[MaxDepth * SudokuTables.Cells];
    private readonly ushort[] _candidates = new ushort[MaxDepth * SudokuTables.Cells];
    private readonly byte[] _solution = new byte[SudokuTables.Cells];

    // Cells left with one candidate, waiting to be filled. A cell is queued only when its mask shrinks to one
    // bit, which happens at most once per propagation, so 81 entries would do; twice that is a margin.
    private readonly byte[] _queue = new byte[2 * SudokuTables.Cells];
    private int _queued;
    private int _target = 2;
    private CancellationToken _cancellationToken;

    /// <summary>Solutions found since <see cref="Reset"/> (the search stops at the target).</summary>
    public int Solutions { get; private set; }

    /// <summary>Search nodes since <see cref="Reset"/>.</summary>
    public long Nodes { get; private set; }

    /// <summary><see cref="Nodes"/> when the first solution was found (0 when none).</summary>
    public long NodesAtFirst { get; private set; }

    /// <summary><see cref="Nodes"/> when the second solution was found (0 when none).</summary>
    public long NodesAtSecond { get; private set; }

    /// <summary>The first solution since <see cref="Reset"/>, valid when <see cref="Solutions"/> ≥ 1.</summary>
    public ReadOnlySpan<byte> FirstSolution => _solution;

    /// <summary>True once the target number of solutions has been found.</summary>
    public bool Done => Solutions >= _target;

    /// <summary>Clears the counters; the search stops once it has found <paramref name="target"/> solutions (1 or 2).</summary>
    public void Reset(int target, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        _target = target;
        _cancellationToken = cancellationToken;
        Solutions = 0;
        Nodes = 0;
        NodesAtFirst = 0;
        NodesAtSecond = 0;
        _solution.AsSpan().Clear();
    }

    /// <summary>Adds nodes searched elsewhere (the splitter's internal nodes) to the running count.</summary>
    public void AddNodes(long nodes) => Nodes += nodes;

    /// <summary>Searches a whole puzzle (81 digits, 0 for a blank). Returns true when the target was reached.</summary>
    public bool SearchPuzzle(ReadOnlySpan<byte> givens)
    {
        Nodes++;
        return LoadGivens(givens) && Explore(0);
    }

    /// <summary>
    /// Searches the subtree below a branch: <paramref name="parent"/> is a propagated grid, to which
    /// <paramref name="digit"/> is written at <paramref name="cell"/>. Exactly the node the full search visits there.
    /// </summary>
    public bool SearchBranch(ReadOnlySpan<byte> parent, int cell, int digit)
    {
        Nodes++;
        return LoadBranch(parent, cell, digit) && Explore(0);
    }

    /// <summary>
    /// For the splitter: propagates the root (<paramref name="cell"/> &lt; 0) or a branch without searching
    /// below it. On <see cref="SudokuOutcome.Branch"/>, <paramref name="grid"/> holds the propagated grid,
    /// <paramref name="branchCell"/> the cell the search branches on and <paramref name="candidates"/> its digits as bits.
    /// </summary>
    public SudokuOutcome Propagate(ReadOnlySpan<byte> parent, int cell, int digit, Span<byte> grid, out int branchCell, out int candidates)
    {
        branchCell = -1;
        candidates = 0;
        var loaded = cell < 0 ? LoadGivens(parent) : LoadBranch(parent, cell, digit);
        if (!loaded || !Propagate(0))
        {
            return SudokuOutcome.Contradiction;
        }

        _cells.AsSpan(0, SudokuTables.Cells).CopyTo(grid);
        branchCell = ChooseCell(0, out candidates);
        return branchCell < 0 ? SudokuOutcome.Solved : SudokuOutcome.Branch;
    }

    private bool LoadBranch(ReadOnlySpan<byte> parent, int cell, int digit)
    {
        return LoadGrid(parent) && PlaceChecked(0, cell, 1 << (digit - 1));
    }

    private bool LoadGivens(ReadOnlySpan<byte> givens)
    {
        _queued = 0;
        _cells.AsSpan(0, SudokuTables.Cells).Clear();
        _candidates.AsSpan(0, SudokuTables.Cells).Fill(SudokuTables.AllDigits);
        for (var i = 0; i < SudokuTables.Cells; i++)
        {
            var digit = givens[i];
            if (digit != 0 && !PlaceChecked(0, i, 1 << (digit - 1)))
            {
                return false;
            }
        }

        return true;
    }

    private bool LoadGrid(ReadOnlySpan<byte> grid)
    {
        _queued = 0;
        var cells = _cells.AsSpan(0, SudokuTables.Cells);
        var candidates = _candidates.AsSpan(0, SudokuTables.Cells);
        grid[..SudokuTables.Cells].CopyTo(cells);
        var peers = SudokuTables.Peers;
        for (var i = 0; i < SudokuTables.Cells; i++)
        {
            if (cells[i] != 0)
            {
                candidates[i] = 0;
                continue;
            }

            var mask = SudokuTables.AllDigits;
            foreach (var peer in peers.Slice(i * SudokuTables.PeerCount, SudokuTables.PeerCount))
            {
                mask &= ~((1 << cells[peer]) >> 1);
            }

            candidates[i] = (ushort)mask;
            if ((mask & (mask - 1)) == 0)
            {
                if (mask == 0)
                {
                    return false;
                }

                _queue[_queued++] = (byte)i;
            }
        }

        return true;
    }

    private bool Explore(int depth)
    {
        if (!Propagate(depth))
        {
            return false;
        }

        var cell = ChooseCell(depth, out var candidates);
        if (cell < 0)
        {
            return Record(depth);
        }

        var child = depth + 1;
        while (candidates != 0)
        {
            var bit = candidates & -candidates;
            candidates ^= bit;
            _cells.AsSpan(depth * SudokuTables.Cells, SudokuTables.Cells).CopyTo(_cells.AsSpan(child * SudokuTables.Cells, SudokuTables.Cells));
            _candidates.AsSpan(depth * SudokuTables.Cells, SudokuTables.Cells).CopyTo(_candidates.AsSpan(child * SudokuTables.Cells, SudokuTables.Cells));
            _queued = 0;
            if ((++Nodes & CancellationCheckMask) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            if (Place(child, cell, bit) && Explore(child))
            {
                return true;
            }
        }

        return false;
    }

    private bool Record(int depth)
    {
        Solutions++;
        if (Solutions == 1)
        {
            _cells.AsSpan(depth * SudokuTables.Cells, SudokuTables.Cells).CopyTo(_solution);
            NodesAtFirst = Nodes;
        }
        else if (Solutions == 2)
        {
            NodesAtSecond = Nodes;
        }

        return Solutions >= _target;
    }

    private bool PlaceChecked(int depth, int cell, int bit) =>
        (_candidates[(depth * SudokuTables.Cells) + cell] & bit) != 0 && Place(depth, cell, bit);

    /// <summary>
    /// Writes a candidate digit (as a bit) into an empty cell and strikes it from the peers; false when a
    /// peer is left with no candidate. Peers left with one candidate are queued for propagation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Place(int depth, int cell, int bit)
    {
        ref var cells = ref _cells[depth * SudokuTables.Cells];
        ref var candidates = ref _candidates[depth * SudokuTables.Cells];
        ref var peers = ref Unsafe.Add(ref MemoryMarshal.GetReference(SudokuTables.Peers), cell * SudokuTables.PeerCount);
        Unsafe.Add(ref cells, cell) = (byte)(BitOperations.TrailingZeroCount(bit) + 1);
        Unsafe.Add(ref candidates, cell) = 0;
        for (var k = 0; k < SudokuTables.PeerCount; k++)
        {
            int peer = Unsafe.Add(ref peers, k);
            ref var mask = ref Unsafe.Add(ref candidates, peer);
            if ((mask & bit) != 0)
            {
                var left = mask ^ bit;
                mask = (ushort)left;
                if ((left & (left - 1)) == 0)
                {
                    if (left == 0)
                    {
                        return false;
                    }

                    _queue[_queued++] = (byte)peer;
                }
            }
        }

        return true;
    }

    /// <summary>Naked and hidden singles to a fixed point; false on a contradiction.</summary>
    private bool Propagate(int depth)
    {
        ref var cells = ref _cells[depth * SudokuTables.Cells];
        ref var candidates = ref _candidates[depth * SudokuTables.Cells];
        ref var unitCells = ref MemoryMarshal.GetReference(SudokuTables.UnitCells);
        while (true)
        {
            while (_queued > 0)
            {
                int cell = _queue[--_queued];
                var mask = Unsafe.Add(ref candidates, cell);
                if (mask != 0 && !Place(depth, cell, mask))
                {
                    return false;
                }
            }

            var progress = false;
            for (var unit = 0; unit < SudokuTables.Units; unit++)
            {
                ref var members = ref Unsafe.Add(ref unitCells, unit * 9);
                int once = 0, twice = 0, placed = 0;
                for (var k = 0; k < 9; k++)
                {
                    int i = Unsafe.Add(ref members, k);
                    int mask = Unsafe.Add(ref candidates, i);
                    twice |= once & mask;
                    once |= mask;
                    placed |= (1 << Unsafe.Add(ref cells, i)) >> 1;
                }

                if ((once | placed) != SudokuTables.AllDigits)
                {
                    return false;
                }

                var hidden = once & ~twice;
                while (hidden != 0)
                {
                    var bit = hidden & -hidden;
                    hidden ^= bit;
                    var k = 0;
                    while (k < 9 && (Unsafe.Add(ref candidates, Unsafe.Add(ref members, k)) & bit) == 0)
                    {
                        k++;
                    }

                    // k = 9: the digit's only cell took another hidden single of this unit.
                    if (k == 9 || !Place(depth, Unsafe.Add(ref members, k), bit))
                    {
                        return false;
                    }

                    progress = true;
                }
            }

            if (!progress && _queued == 0)
            {
                return true;
            }
        }
    }

    /// <summary>The first empty cell with the fewest candidates, or −1 when the grid is full.</summary>
    private int ChooseCell(int depth, out int candidates)
    {
        ref var masks = ref _candidates[depth * SudokuTables.Cells];
        var best = -1;
        var bestCount = 10;
        candidates = 0;
        for (var i = 0; i < SudokuTables.Cells; i++)
        {
            int mask = Unsafe.Add(ref masks, i);
            if (mask == 0)
            {
                continue;
            }

            var count = BitOperations.PopCount((uint)mask);
            if (count < bestCount)
            {
                best = i;
                bestCount = count;
                candidates = mask;
                if (count <= 2)
                {
                    // Singles are propagated, so two is the fewest an empty cell can have.
                    break;
                }
            }
        }

        return best;
    }
}
