using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SerialCluster.Grains.Calibration;

/// <summary>Registers the silo's self-measurement: calibration, hop probing and CPU load sampling, all started with the silo's lifecycle.</summary>
public static class CalibrationServiceCollectionExtensions
{
    public static IServiceCollection AddCalibration(this IServiceCollection services)
    {
#pragma warning disable RS0030 // the one place the real clock is named: the default for DI
        services.TryAddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        services.AddSingleton<CalibrationService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CalibrationService>());
        services.AddSingleton<HopProbeService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<HopProbeService>());
        services.AddSingleton<LoadSampler>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LoadSampler>());
        return services;
    }
}
