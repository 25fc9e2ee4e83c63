namespace SerialCluster.Grains.Tests.Guards;

[CollectionDefinition(Name)]
public sealed class GuardCollection : ICollectionFixture<GuardFixture>
{
    public const string Name = "guards";
}
