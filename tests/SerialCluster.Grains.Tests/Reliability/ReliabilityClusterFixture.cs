using Orleans.TestingHost;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>A three-silo in-process cluster whose chains checkpoint every <see cref="CheckpointSteps"/> steps.</summary>
public sealed class ReliabilityClusterFixture : IAsyncLifetime
{
    public const long CheckpointSteps = 20_000;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSerialCluster(o => o.Reliability.CheckpointSteps = CheckpointSteps));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
