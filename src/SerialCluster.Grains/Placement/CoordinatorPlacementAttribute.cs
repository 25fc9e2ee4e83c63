using Orleans.Placement;

namespace SerialCluster.Grains.Placement;

/// <summary>Marks a grain class as placed by <see cref="CoordinatorPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CoordinatorPlacementAttribute : PlacementAttribute
{
    public CoordinatorPlacementAttribute()
        : base(CoordinatorPlacement.Instance)
    {
    }
}
