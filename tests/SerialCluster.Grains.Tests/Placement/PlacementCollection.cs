namespace SerialCluster.Grains.Tests.Placement;

[CollectionDefinition(Name)]
public sealed class PlacementCollection : ICollectionFixture<PlacementFixture>
{
    public const string Name = "placement";
}
