using System.Numerics;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// <see cref="SudokuSolver"/>'s search on an n²×n² board of any <see cref="SudokuGeometry"/>: the same propagation, branching and node counts (the tests
/// check 9×9 node for node against the constant-table solver, which 9×9 puzzles keep using because it is faster). Candidates are int masks (25 digits
/// fit); a grid is copied per depth, so backtracking is free.
/// </summary>
public sealed class SudokuBoardSolver : ISudokuSearch
{
    private const int CancellationCheckMask = 1023;

    private readonly int _cellCount;
    private readonly int _side;
    private readonly int _units;
    private readonly int _peerCount;
    private readonly int _allDigits;
    private readonly short[] _peers;
    private readonly short[] _unitCells;
    private readonly byte[] _cells;
    private readonly int[] _candidates;
    private readonly byte[] _solution;

    // Cells left with one candidate, waiting to be filled: each is queued at most once per propagation
    // (when its mask shrinks to one bit), so one entry per cell would do; twice that is a margin.
    private readonly short[] _queue;
    private int _queued;
    private int _target = 2;
    private CancellationToken _cancellationToken;

    public SudokuBoardSolver(SudokuGeometry geometry)
    {
        Geometry = geometry;
        _cellCount = geometry.Cells;
        _side = geometry.Side;
        _units = geometry.Units;
        _peerCount = geometry.PeerCount;
        _allDigits = geometry.AllDigits;
        _peers = geometry.Peers.ToArray();
        _unitCells = geometry.UnitCells.ToArray();

        // Every branch fills at least one cell, so the search is never deeper than the cells.
        var depths = _cellCount + 1;
        _cells = new byte[depths * _cellCount];
        _candidates = new int[depths * _cellCount];
        _solution = new byte[_cellCount];
        _queue = new short[2 * _cellCount];
    }

    public SudokuGeometry Geometry { get; }

    public int Solutions { get; private set; }

    public long Nodes { get; private set; }

    public long NodesAtFirst { get; private set; }

    public long NodesAtSecond { get; private set; }

    public ReadOnlySpan<byte> FirstSolution => _solution;

    public bool Done => Solutions >= _target;

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

    public void AddNodes(long nodes) => Nodes += nodes;

    public bool SearchPuzzle(ReadOnlySpan<byte> givens)
    {
        Nodes++;
        return LoadGivens(givens) && Explore(0);
    }

    public bool SearchBranch(ReadOnlySpan<byte> parent, int cell, int digit)
    {
        Nodes++;
        return LoadBranch(parent, cell, digit) && Explore(0);
    }

    public SudokuOutcome Propagate(ReadOnlySpan<byte> parent, int cell, int digit, Span<byte> grid, out int branchCell, out int candidates)
    {
        branchCell = -1;
        candidates = 0;
        var loaded = cell < 0 ? LoadGivens(parent) : LoadBranch(parent, cell, digit);
        if (!loaded || !Propagate(0))
        {
            return SudokuOutcome.Contradiction;
        }

        _cells.AsSpan(0, _cellCount).CopyTo(grid);
        branchCell = ChooseCell(0, out candidates);
        return branchCell < 0 ? SudokuOutcome.Solved : SudokuOutcome.Branch;
    }

    private bool LoadBranch(ReadOnlySpan<byte> parent, int cell, int digit) =>
        LoadGrid(parent) && PlaceChecked(0, cell, 1 << (digit - 1));

    private bool LoadGivens(ReadOnlySpan<byte> givens)
    {
        _queued = 0;
        _cells.AsSpan(0, _cellCount).Clear();
        _candidates.AsSpan(0, _cellCount).Fill(_allDigits);
        for (var i = 0; i < _cellCount; i++)
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
        var cells = _cells.AsSpan(0, _cellCount);
        var candidates = _candidates.AsSpan(0, _cellCount);
        grid[.._cellCount].CopyTo(cells);
        for (var i = 0; i < _cellCount; i++)
        {
            if (cells[i] != 0)
            {
                candidates[i] = 0;
                continue;
            }

            var mask = _allDigits;
            foreach (var peer in _peers.AsSpan(i * _peerCount, _peerCount))
            {
                mask &= ~((1 << cells[peer]) >> 1);
            }

            candidates[i] = mask;
            if ((mask & (mask - 1)) == 0)
            {
                if (mask == 0)
                {
                    return false;
                }

                _queue[_queued++] = (short)i;
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
            _cells.AsSpan(depth * _cellCount, _cellCount).CopyTo(_cells.AsSpan(child * _cellCount, _cellCount));
            _candidates.AsSpan(depth * _cellCount, _cellCount).CopyTo(_candidates.AsSpan(child * _cellCount, _cellCount));
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
            _cells.AsSpan(depth * _cellCount, _cellCount).CopyTo(_solution);
            NodesAtFirst = Nodes;
        }
        else if (Solutions == 2)
        {
            NodesAtSecond = Nodes;
        }

        return Solutions >= _target;
    }

    private bool PlaceChecked(int depth, int cell, int bit) =>
        (_candidates[(depth * _cellCount) + cell] & bit) != 0 && Place(depth, cell, bit);

    // Writes a candidate digit (as a bit) into an empty cell and strikes it from the peers; false when a peer is
    // left with no candidate. Peers left with one candidate are queued.
    private bool Place(int depth, int cell, int bit)
    {
        var cells = _cells.AsSpan(depth * _cellCount, _cellCount);
        var candidates = _candidates.AsSpan(depth * _cellCount, _cellCount);
        cells[cell] = (byte)(BitOperations.TrailingZeroCount(bit) + 1);
        candidates[cell] = 0;
        foreach (int peer in _peers.AsSpan(cell * _peerCount, _peerCount))
        {
            ref var mask = ref candidates[peer];
            if ((mask & bit) != 0)
            {
                var left = mask ^ bit;
                mask = left;
                if ((left & (left - 1)) == 0)
                {
                    if (left == 0)
                    {
                        return false;
                    }

                    _queue[_queued++] = (short)peer;
                }
            }
        }

        return true;
    }

    // Naked and hidden singles to a fixed point; false on a contradiction.
    private bool Propagate(int depth)
    {
        var cells = _cells.AsSpan(depth * _cellCount, _cellCount);
        var candidates = _candidates.AsSpan(depth * _cellCount, _cellCount);
        while (true)
        {
            while (_queued > 0)
            {
                int cell = _queue[--_queued];
                var mask = candidates[cell];
                if (mask != 0 && !Place(depth, cell, mask))
                {
                    return false;
                }
            }

            var progress = false;
            for (var unit = 0; unit < _units; unit++)
            {
                var members = _unitCells.AsSpan(unit * _side, _side);
                int once = 0, twice = 0, placed = 0;
                foreach (int i in members)
                {
                    var mask = candidates[i];
                    twice |= once & mask;
                    once |= mask;
                    placed |= (1 << cells[i]) >> 1;
                }

                if ((once | placed) != _allDigits)
                {
                    return false;
                }

                var hidden = once & ~twice;
                while (hidden != 0)
                {
                    var bit = hidden & -hidden;
                    hidden ^= bit;
                    var k = 0;
                    while (k < _side && (candidates[members[k]] & bit) == 0)
                    {
                        k++;
                    }

                    // k = side: the digit's only cell took another hidden single of this unit.
                    if (k == _side || !Place(depth, members[k], bit))
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

    // The first empty cell with the fewest candidates, or −1 when the grid is full.
    private int ChooseCell(int depth, out int candidates)
    {
        var masks = _candidates.AsSpan(depth * _cellCount, _cellCount);
        var best = -1;
        var bestCount = _side + 1;
        candidates = 0;
        for (var i = 0; i < masks.Length; i++)
        {
            var mask = masks[i];
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
