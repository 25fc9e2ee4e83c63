using Orleans.Runtime.Placement;

namespace SerialCluster.Grains.Placement;

/// <summary>
/// Puts the activation on the silo named in its key. Orleans' default placement keeps a coordinator's
/// fan-out on its own silo; naming the silo is what lets the coordinator decide, from capacity, where each
/// task runs. When the named silo has left, the grain lands on the local silo (or any compatible one), so a
/// chain whose silo died can resume elsewhere.
/// </summary>
public sealed class SiloTargetedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (SiloKey.TryGetSilo(target.GrainIdentity.Key.ToString(), out var wanted) && NamedSilo.Find(compatible, wanted) is { } named)
        {
            return Task.FromResult(named);
        }

        var local = context.LocalSilo;
        return Task.FromResult(compatible.Contains(local) ? local : compatible[Random.Shared.Next(compatible.Length)]);
    }
}
