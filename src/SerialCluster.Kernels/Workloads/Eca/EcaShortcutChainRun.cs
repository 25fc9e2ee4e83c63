using SerialCluster.Kernels.Plans;

namespace SerialCluster.Kernels.Workloads.Eca;

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
}
