using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Eca;

/// <summary>
/// Pinned mode's form: the whole row stepped on one core, no strips and no halos. Output: the final row's
/// words, then the centre column's words when recorded (little-endian).
/// </summary>
internal sealed class EcaChainRun : IChainRun
{
    private readonly EcaGeometry _geometry;
    private EcaRow _row;
    private readonly ulong[]? _column;

    public EcaChainRun(EcaGeometry geometry)
    {
        _geometry = geometry;
        var cells = new ulong[geometry.Words];
        geometry.Gather(new EcaInitialRow(geometry), 0, 0, geometry.Cells, cells);
        _column = geometry.RecordCenter ? new ulong[EcaBits.WordsFor(geometry.Steps + 1)] : null;
        _row = new EcaRow(geometry, cells, geometry.Cells, 0, geometry.Ring, shrink: false, 0, geometry.Center, _column, 0);
    }

    public long TotalSteps => _geometry.Steps;

    public long StepsDone => _row.Time;

    public void Advance(long steps)
    {
        steps = Math.Min(steps, TotalSteps - StepsDone);
        if (steps > 0)
        {
            _row.Advance(steps, CancellationToken.None);
        }
    }

    public byte[] Output()
    {
        if (StepsDone != TotalSteps)
        {
            throw new InvalidOperationException($"The chain has done {StepsDone} of {TotalSteps} steps.");
        }

        var row = _row.Snapshot();
        var columnWords = _column?.Length ?? 0;
        var output = new byte[(row.Length + columnWords) * 8];
        EcaBits.WriteBytes(row, output);
        if (_column is not null)
        {
            EcaBits.WriteBytes(_column, output.AsSpan(row.Length * 8));
        }

        return output;
    }

    /// <summary>The row at its time, and the centre column recorded so far.</summary>
    public byte[] Checkpoint() => new ChainStateWriter("eca").Int64(StepsDone).Words(_row.Snapshot()).Words(_column ?? []).ToArray();

    public void Restore(byte[] checkpoint)
    {
        var reader = new ChainStateReader(checkpoint, "eca");
        var time = reader.Steps(TotalSteps);
        var cells = reader.Words();
        var column = reader.Words();
        reader.End();
        if (cells.Length != _geometry.Words)
        {
            throw new InvalidDataException($"the checkpoint's row has {cells.Length} words, the chain's {_geometry.Words}");
        }

        if (_column is not null)
        {
            ChainStateReader.Into(column, _column, "centre column");
        }

        // Bits 0..time of the column are recorded already; the row records from time + 1 on.
        _row = new EcaRow(_geometry, cells, _geometry.Cells, time, _geometry.Ring, shrink: false, 0, _geometry.Center, _column, time + 1);
    }
}
