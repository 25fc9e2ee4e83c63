namespace SerialCluster.Grains.Placement;

/// <summary>
/// Places a job's coordinator where the submitting call asks (<see cref="CoordinatorSilo"/>), else as Orleans' default
/// placement would.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.CoordinatorPlacement")]
public sealed class CoordinatorPlacement : PlacementStrategy
{
    public static readonly CoordinatorPlacement Instance = new();
}
