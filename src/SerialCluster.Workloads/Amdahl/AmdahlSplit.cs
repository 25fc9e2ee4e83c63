namespace SerialCluster.Workloads.Amdahl;

/// <summary>
/// How an amdahl job divides its hash steps: a serial chain of <see cref="SerialSteps"/>, then
/// <see cref="Tasks"/> independent chunks of <see cref="ChunkSteps"/> each.
/// </summary>
public readonly record struct AmdahlSplit(long SerialSteps, long ChunkSteps, int Tasks)
{
    /// <summary>T1 in hash steps: serialSteps + tasks·chunkSteps.</summary>
    public long Work => SerialSteps + (Tasks * ChunkSteps);

    /// <summary>T∞ in hash steps: serialSteps + chunkSteps.</summary>
    public long Span => SerialSteps + ChunkSteps;

    /// <summary>The serial fraction the split realises: serialSteps / work.</summary>
    public double SerialFraction => (double)SerialSteps / Work;

    /// <summary>
    /// The split for serial fraction <paramref name="fraction"/> of <paramref name="work"/> steps:
    /// serialSteps = round(f·work) (halves away from zero), chunkSteps = max(1, ⌈(work − serialSteps) / tasks⌉).
    /// The realised work exceeds <paramref name="work"/> by less than <paramref name="tasks"/> steps (rounding up
    /// the chunks), or more only when every chunk is held at its minimum of one step.
    /// </summary>
    public static AmdahlSplit FromFraction(double fraction, long work, int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(work, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        var serial = Math.Min(work, (long)Math.Round(fraction * work, MidpointRounding.AwayFromZero));
        var parallel = work - serial;
        var chunk = Math.Max(1, (parallel + tasks - 1) / tasks);
        return new AmdahlSplit(serial, chunk, tasks);
    }
}
