namespace SerialCluster.Cli.Contrast;

/// <summary>
/// How a side is sized to the target single-core time: its size at <see cref="Probe"/> is run pinned, grown tenfold while
/// the probe is too short to time, then scaled linearly to the target and kept within [<see cref="Min"/>, <see cref="Max"/>]
/// (the workload's limits). Min = Max fixes the size (one built-in instance).
/// </summary>
public sealed record ContrastSizing(long Probe, long Min, long Max)
{
    public bool IsFixed => Min == Max;

    public static ContrastSizing Fixed(long size) => new(size, size, size);
}
