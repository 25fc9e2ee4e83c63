using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Limits;

namespace SerialCluster.Grains.Tests.Guards;

/// <summary>A real two-silo cluster with low job limits, for the limit and idempotency tests.</summary>
public sealed class GuardFixture : IAsyncLifetime
{
    public static readonly JobLimits Limits = new()
    {
        MaxParameters = 3,
        MaxParameterCharacters = 200,
        MaxSpecCharacters = 300,
        MaxParallelism = 8,
        MaxWorkUnits = 5_000_000,
        MaxTasksPerStage = 64,
        MaxStages = 40,
    };

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            // Registered before AddSerialCluster, as the silo host does with its configured limits.
            silo.Services.AddSingleton(Limits);
            silo.AddSerialCluster();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
