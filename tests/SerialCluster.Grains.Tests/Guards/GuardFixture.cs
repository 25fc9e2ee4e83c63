using Microsoft.Extensions.DependencyInjection;
using SerialCluster.Grains.Limits;

namespace SerialCluster.Grains.Tests.Guards;

/// <summary>A real two-silo cluster with low job limits, for the limit and idempotency tests.</summary>
public sealed class GuardFixture() : InProcessClusterFixture(2)
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

    // Registered before AddSerialCluster, as the silo host does with its configured limits.
    protected override void ConfigureServices(ISiloBuilder silo) => silo.Services.AddSingleton(Limits);
}
