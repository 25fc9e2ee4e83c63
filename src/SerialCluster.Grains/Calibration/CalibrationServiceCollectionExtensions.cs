using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SerialCluster.Grains.Calibration;

/// <summary>Registers the silo's self-measurement: calibration, hop probing and CPU load sampling, all started with the silo's lifecycle.</summary>
public static class CalibrationServiceCollectionExtensions
{
    public static IServiceCollection AddCalibration(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CalibrationService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CalibrationService>());
        services.AddSingleton<HopProbeService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<HopProbeService>());
        services.AddSingleton<LoadSampler>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LoadSampler>());
        return services;
    }
}
