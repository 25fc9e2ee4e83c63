namespace SerialCluster.Abstractions.Execution;

/// <summary>
/// A silo's recent CPU use in slices aligned to the wall clock (slice n covers unix milliseconds
/// [n·<see cref="SliceMilliseconds"/>, (n+1)·<see cref="SliceMilliseconds"/>)), so readings of several silos on one
/// machine can be set side by side: busy cores of the CPUs this silo may use, whoever used them, and the cores
/// its own process used. The oldest slice first; NaN where a slice was not measured.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.CpuLoad")]
public sealed record CpuLoad(
    [property: Id(0)] int ProcessId,
    [property: Id(1)] long FirstSlice,
    [property: Id(2)] int SliceMilliseconds,
    [property: Id(3)] double[] MachineBusyCores,
    [property: Id(4)] double[] ProcessBusyCores);
