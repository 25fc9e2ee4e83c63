using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>One silo whose job keepers delete finished jobs a second after they end.</summary>
public sealed class RetentionClusterFixture() : InProcessClusterFixture(1)
{
    protected override void ConfigureOptions(string siloName, SerialClusterOptions options)
    {
        options.Reliability.Retention = TimeSpan.FromSeconds(1);
        options.Reliability.KeeperInterval = TimeSpan.FromMilliseconds(200);
    }
}
