using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Placement;
using SerialCluster.Workloads.Hashing;

namespace SerialCluster.Grains.Ladder;

/// <summary>The far side of a ladder rung: advances the state it is sent and sends it back, on the silo its key names.</summary>
[SiloTargetedPlacement]
public sealed class LadderHopGrain(ILocalSiloDetails silo) : Grain, ILadderHopGrain
{
    public Task<SiloAddress> WhereAsync() => Task.FromResult(silo.SiloAddress);

    public Task<byte[]> AdvanceAsync(byte[] state, int steps)
    {
        LadderChain.Require(state);
        var next = (byte[])state.Clone();
        Sha256Chain.Iterate(next, steps);
        return Task.FromResult(next);
    }
}
