using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Reliability;

/// <summary>A two-silo in-process cluster whose <c>jobs</c> storage holds chain-checkpoint clears until <see cref="Gate"/> opens.</summary>
public sealed class HeldClearClusterFixture() : InProcessClusterFixture(2)
{
    private const string Inner = "jobs-inner";

    public ClearGate Gate { get; } = new();

    public override async Task DisposeAsync()
    {
        Gate.Open();
        await base.DisposeAsync();
    }

    protected override void ConfigureServices(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(Inner);
        silo.Services.AddKeyedSingleton<IGrainStorage>(
            SerialClusterStorage.Jobs,
            (services, _) => new HeldClearStorage(services.GetRequiredKeyedService<IGrainStorage>(Inner), Gate));
    }
}
