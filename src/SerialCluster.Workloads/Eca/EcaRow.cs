namespace SerialCluster.Workloads.Eca;

/// <summary>
/// A row being stepped: two bit-packed buffers (row word k at index k + 1, a spare word at each end for neighbours) swapped every step. One loop, three
/// shapes: the whole ring (<c>ring</c>: ends wrap, every word computed); the whole zero-boundary row (only words inside the live cone are computed, the
/// rest is background written when the cone reaches it); a strip with halos (<c>shrink</c>: only its exact part, which shrinks a cell per side per
/// step, is computed, within the cone).
/// </summary>
internal sealed class EcaRow
{
    private readonly EcaGeometry _geometry;
    private readonly long _cells;
    private readonly int _words;
    private readonly bool _ring;
    private readonly bool _shrink;
    private readonly bool _cone;
    private readonly long _coneStart;
    private readonly long _coneEnd;
    private readonly long _startTime;
    private readonly long _recordCell;
    private readonly ulong[]? _column;
    private ulong[] _source;
    private ulong[] _target;
    private int _activeFrom;
    private int _activeTo;
    private long _columnBits;

    /// <param name="cells">The row, or with <paramref name="shrink"/> a segment whose exact part shrinks a cell per side per step, bit-packed.</param>
    /// <param name="ring">The cells are the whole ring.</param>
    /// <param name="offset">The row cell at local cell 0 (for the cone).</param>
    /// <param name="recordCell">The local cell whose value is appended to <paramref name="column"/> each step, or −1.</param>
    /// <param name="column">The centre column so far; bit t is the centre at time t.</param>
    /// <param name="columnBits">Bits already in <paramref name="column"/>: startTime to record the current cell first, startTime + 1 otherwise.</param>
    public EcaRow(
        EcaGeometry geometry, ReadOnlySpan<ulong> cells, long cellCount, long startTime, bool ring, bool shrink,
        long offset, long recordCell, ulong[]? column, long columnBits)
    {
        _geometry = geometry;
        _cells = cellCount;
        _words = EcaBits.WordsFor(cellCount);
        _ring = ring;
        _shrink = shrink;
        _cone = !geometry.Ring;
        _coneStart = geometry.LiveStart - startTime - offset;
        _coneEnd = geometry.LiveEnd + startTime - offset;
        _startTime = startTime;
        Time = startTime;
        _source = new ulong[_words + 2];
        _target = new ulong[_words + 2];
        cells[.._words].CopyTo(_source.AsSpan(1));
        _activeFrom = 1;
        _activeTo = _words + 1;
        _recordCell = column is null ? -1 : recordCell;
        _column = column;
        _columnBits = columnBits;
        if (_recordCell >= 0 && _columnBits == startTime)
        {
            Record();
        }
    }

    /// <summary>The time of the row's current cells.</summary>
    public long Time { get; private set; }

    public long ColumnBits => _columnBits;

    /// <summary>Advances <paramref name="steps"/> steps with the rule's specialised kernel.</summary>
    public void Advance(long steps, CancellationToken cancellationToken)
    {
        switch (_geometry.Rule)
        {
            case 30:
                Run(steps, default(EcaRule30), cancellationToken);
                break;
            case 90:
                Run(steps, default(EcaRule90), cancellationToken);
                break;
            case 110:
                Run(steps, default(EcaRule110), cancellationToken);
                break;
            default:
                Run(steps, new EcaAnyRule(_geometry.Rule), cancellationToken);
                break;
        }
    }

    /// <summary>The current cells, bit-packed, cells beyond the row OFF.</summary>
    public ulong[] Snapshot()
    {
        var words = _source.AsSpan(1, _words).ToArray();
        if (!_ring)
        {
            var background = _geometry.Background(Time) ? ulong.MaxValue : 0UL;
            for (var w = 1; w <= _words; w++)
            {
                if (w < _activeFrom || w >= _activeTo)
                {
                    words[w - 1] = background;
                }
            }
        }

        var tail = (int)(_cells & 63);
        if (tail != 0)
        {
            words[^1] &= EcaBits.LowMask(tail);
        }

        return words;
    }

    private void Run<TRule>(long steps, TRule rule, CancellationToken cancellationToken)
        where TRule : struct, IEcaRule
    {
        for (long k = 0; k < steps; k++)
        {
            if ((k & 1023) == 1023)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int from, to;
            if (_ring)
            {
                WrapEnds();
                from = 1;
                to = _words + 1;
            }
            else
            {
                var elapsed = Time + 1 - _startTime;
                long low = 0, high = _cells;
                if (_cone)
                {
                    low = Math.Max(low, _coneStart - elapsed);
                    high = Math.Min(high, _coneEnd + elapsed);
                }

                if (_shrink)
                {
                    low = Math.Max(low, elapsed);
                    high = Math.Min(high, _cells - elapsed);
                }

                if (low < high)
                {
                    from = (int)(low >> 6) + 1;
                    to = (int)((high - 1) >> 6) + 2;
                    FillBackgroundAround(from, to);
                }
                else
                {
                    from = to = 0;
                }
            }

            if (from < to)
            {
                EcaKernel.Step(_source, _target, from, to, rule);
            }

            (_source, _target) = (_target, _source);
            _activeFrom = from;
            _activeTo = to;
            Time++;
            if (_recordCell >= 0)
            {
                Record();
            }
        }
    }

    /// <summary>Puts the ring's last cell left of cell 0 and its first cell right of the last.</summary>
    private void WrapEnds()
    {
        var tail = (int)(_cells & 63);
        if (tail == 0)
        {
            _source[0] = _source[_words];
            _source[_words + 1] = _source[1];
            return;
        }

        var last = _source[_words];
        var first = _source[1] & 1;
        _source[0] = ((last >> (tail - 1)) & 1) << 63;
        _source[_words] = (last & EcaBits.LowMask(tail)) | (first << tail);
    }

    /// <summary>Words read this step that hold no current cells are outside the cone (or the exact part): the background.</summary>
    private void FillBackgroundAround(int from, int to)
    {
        var background = _geometry.Background(Time) ? ulong.MaxValue : 0UL;
        if (_activeFrom >= _activeTo)
        {
            _source.AsSpan(from - 1, to - from + 2).Fill(background);
            return;
        }

        for (var w = from - 1; w < Math.Min(to + 1, _activeFrom); w++)
        {
            _source[w] = background;
        }

        for (var w = Math.Max(from - 1, _activeTo); w < to + 1; w++)
        {
            _source[w] = background;
        }
    }

    private void Record()
    {
        var word = (int)(_recordCell >> 6) + 1;
        var on = _ring || (word >= _activeFrom && word < _activeTo)
            ? ((_source[word] >> (int)(_recordCell & 63)) & 1) != 0
            : _geometry.Background(Time);
        EcaBits.Set(_column!, _columnBits, on);
        _columnBits++;
    }
}
