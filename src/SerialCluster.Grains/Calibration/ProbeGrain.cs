using SerialCluster.Abstractions.Grains;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Calibration;

/// <summary>Answers pings on its own silo; what a ping costs is the hop, nothing else.</summary>
[SiloTargetedPlacement]
public sealed class ProbeGrain : Grain, IProbeGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
