namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// One run of the capacity control: P equal, independent tasks of a fixed compute-bound kernel run at parallelism P,
/// in repeat round <paramref name="Repeat"/> (the same round as the sweep's own run at that P, adjacent to it in time),
/// and its wall time in seconds.
/// </summary>
public sealed record ControlRun(int P, int Repeat, double Seconds);
