using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// Answers pings on its own silo; what a ping costs is the hop, nothing else. A silo that has just joined is in
/// membership a moment before every peer's placement knows it can host grains, and an activation placed in that
/// moment lands on another silo; such a probe answers (with where it really is, so the caller drops the sample)
/// and then deactivates, so that a later ping places it again.
/// </summary>
[SiloTargetedPlacement]
public sealed class ProbeGrain(ILocalSiloDetails silo) : Grain, IProbeGrain
{
    private bool? _atHome;

    public Task<SiloAddress> PingAsync()
    {
        _atHome ??= SiloKey.TryGetSilo(this.GetPrimaryKeyString(), out var wanted) &&
            string.Equals(wanted, silo.SiloAddress.ToParsableString(), StringComparison.Ordinal);
        if (_atHome == false)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(silo.SiloAddress);
    }
}
