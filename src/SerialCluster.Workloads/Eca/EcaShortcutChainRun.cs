using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Eca;

/// <summary>Pinned mode's rule 90 jump: the whole row, one chain step per jump. Output: the final row's words.</summary>
internal sealed class EcaShortcutChainRun : IChainRun
{
    private readonly EcaGeometry _geometry;
    private readonly long[] _jumps;
    private ulong[] _row;
    private long _time;

    public EcaShortcutChainRun(EcaGeometry geometry, long[] jumps)
    {
        _geometry = geometry;
        _jumps = jumps;
        _row = new ulong[geometry.Words];
        geometry.Gather(new EcaInitialRow(geometry), 0, 0, geometry.Cells, _row);
    }

    public long TotalSteps => _jumps.Length;

    public long StepsDone { get; private set; }

    public void Advance(long steps)
    {
        for (; steps > 0 && StepsDone < TotalSteps; steps--)
        {
            var jump = _jumps[StepsDone];
            var source = new EcaWordsRow(_row);
            var left = new ulong[_row.Length];
            var right = new ulong[_row.Length];
            _geometry.Gather(source, _time, -jump, _geometry.Cells, left);
            _geometry.Gather(source, _time, jump, _geometry.Cells, right);
            for (var i = 0; i < left.Length; i++)
            {
                left[i] ^= right[i];
            }

            _row = left;
            _time += jump;
            StepsDone++;
        }
    }

    public byte[] Output()
    {
        if (StepsDone != TotalSteps)
        {
            throw new InvalidOperationException($"The chain has done {StepsDone} of {TotalSteps} jumps.");
        }

        var output = new byte[_row.Length * 8];
        EcaBits.WriteBytes(_row, output);
        return output;
    }

    public byte[] Checkpoint() => new ChainStateWriter("eca-shortcut").Int64(StepsDone).Int64(_time).Words(_row).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "eca-shortcut");
        var steps = reader.Steps(TotalSteps);
        var time = reader.Int64();
        var row = reader.Words();
        reader.End();
        if (row.Length != _row.Length)
        {
            throw new InvalidDataException($"the checkpoint's row has {row.Length} words, the chain's {_row.Length}");
        }

        _row = row;
        _time = time;
        StepsDone = steps;
    }
}
