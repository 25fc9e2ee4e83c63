using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>A three-silo in-process cluster whose chains checkpoint every <see cref="CheckpointSteps"/> steps.</summary>
public sealed class ReliabilityClusterFixture() : InProcessClusterFixture(3)
{
    public const long CheckpointSteps = 20_000;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    protected override void ConfigureOptions(string siloName, SerialClusterOptions options) =>
        options.Reliability.CheckpointSteps = CheckpointSteps;
}
