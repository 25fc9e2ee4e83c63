namespace SerialCluster.Grains.Tests.Placement;

[CollectionDefinition(Name)]
public sealed class UncalibratedCollection : ICollectionFixture<UncalibratedFixture>
{
    public const string Name = "uncalibrated";
}
