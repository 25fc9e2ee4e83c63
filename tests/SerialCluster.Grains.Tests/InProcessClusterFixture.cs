using Orleans.TestingHost;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests;

/// <summary>
/// An Orleans cluster of <c>siloCount</c> silos in this process, each running <c>AddSerialCluster</c>.
/// Derived fixtures override only what differs: the options, services registered first, or a wait after start.
/// </summary>
public abstract class InProcessClusterFixture : IAsyncLifetime
{
    private readonly short _siloCount;

    protected InProcessClusterFixture(short siloCount) => _siloCount = siloCount;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        BeforeDeploy();
        var builder = new InProcessTestClusterBuilder(_siloCount);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            ConfigureServices(silo);
            silo.AddSerialCluster(o => ConfigureOptions(options.SiloName, o));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        await AfterDeployAsync();
    }

    public virtual async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Runs once before the cluster is built.</summary>
    protected virtual void BeforeDeploy()
    {
    }

    /// <summary>Registers services on a silo before <c>AddSerialCluster</c>, as a host registers its own first.</summary>
    protected virtual void ConfigureServices(ISiloBuilder silo)
    {
    }

    /// <summary>Sets one silo's SerialCluster options.</summary>
    protected virtual void ConfigureOptions(string siloName, SerialClusterOptions options)
    {
    }

    /// <summary>Runs once the cluster is up; the fixture is ready when it completes.</summary>
    protected virtual Task AfterDeployAsync() => Task.CompletedTask;
}
