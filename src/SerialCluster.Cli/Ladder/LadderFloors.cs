namespace SerialCluster.Cli.Ladder;

/// <summary>
/// The machine's floors beside the ladder, measured in the same run with no Orleans (bench target 4's
/// <see cref="Bench.LoopbackFloor"/>): a loopback TCP round trip and an async hand-off to another task and back, p50;
/// and one chain step's time in a bare loop here.
/// </summary>
public sealed record LadderFloors(double TcpMicroseconds, double HandOffMicroseconds, double StepNanoseconds)
{
    /// <summary>The most steps/s a chain can make crossing a boundary that costs <paramref name="crossingMicroseconds"/> every k steps.</summary>
    public double Bound(int k, double crossingMicroseconds) => k / ((k * StepNanoseconds * 1e-9) + (crossingMicroseconds * 1e-6));
}
