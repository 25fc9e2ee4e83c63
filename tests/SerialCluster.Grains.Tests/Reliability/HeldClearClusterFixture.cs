using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>A two-silo in-process cluster whose <c>jobs</c> storage holds chain-checkpoint clears until <see cref="Gate"/> opens.</summary>
public sealed class HeldClearClusterFixture : IAsyncLifetime
{
    private const string Inner = "jobs-inner";

    public ClearGate Gate { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(Inner);
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                SerialClusterStorage.Jobs, (services, _) => new HeldClearStorage(services.GetRequiredKeyedService<IGrainStorage>(Inner), Gate));
            silo.AddSerialCluster();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        Gate.Open();
        await Cluster.DisposeAsync();
    }
}
