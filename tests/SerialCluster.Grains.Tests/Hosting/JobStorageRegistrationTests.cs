using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Hosting;

/// <summary>AddSerialCluster gives every silo a "jobs" storage provider, and never replaces the host's own.</summary>
public sealed class JobStorageRegistrationTests
{
    [Fact]
    public void ASiloWithoutItsOwnJobStorageGetsAnInMemoryOne()
    {
        var builder = SiloBuilder(silo => silo.AddSerialCluster());
        Assert.Equal(1, JobStorageRegistrations(builder.Services));
        using var host = builder.Build();
        Assert.IsType<MemoryGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(SerialClusterStorage.Jobs));
    }

    [Fact]
    public void JobStorageTheHostRegisteredFirstIsKept()
    {
        var builder = SiloBuilder(silo =>
        {
            silo.AddMemoryGrainStorage(SerialClusterStorage.Jobs, o => o.NumStorageGrains = 3);
            silo.AddSerialCluster();
        });
        Assert.Equal(1, JobStorageRegistrations(builder.Services));
    }

    private static HostApplicationBuilder SiloBuilder(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            configure(silo);
        });
        return builder;
    }

    private static int JobStorageRegistrations(IServiceCollection services) =>
        services.Count(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, SerialClusterStorage.Jobs));
}
