using Orleans.Placement;

namespace SerialCluster.Grains.Placement;

/// <summary>Marks a grain class as placed by <see cref="SiloTargetedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloTargetedPlacementAttribute : PlacementAttribute
{
    public SiloTargetedPlacementAttribute()
        : base(SiloTargetedPlacement.Instance)
    {
    }
}
