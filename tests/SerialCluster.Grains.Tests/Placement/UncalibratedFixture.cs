using Orleans.TestingHost;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Placement;

/// <summary>Two silos that never calibrate: what placement does before any calibration has arrived.</summary>
public sealed class UncalibratedFixture : IAsyncLifetime
{
    public const int SiloCount = 2;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddSerialCluster(o =>
        {
            o.CalibrationEnabled = false;
            o.HopProbeInterval = TimeSpan.Zero;
        }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
