namespace SerialCluster.Grains.Placement;

/// <summary>Places an activation on the silo its key names (see <see cref="SiloKey"/>), or on a live one if that silo is gone.</summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.SiloTargetedPlacement")]
public sealed class SiloTargetedPlacement : PlacementStrategy
{
    public static readonly SiloTargetedPlacement Instance = new();
}
