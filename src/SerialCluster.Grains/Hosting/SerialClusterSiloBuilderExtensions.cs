using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.CostModel;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Limits;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Hosting;

/// <summary>Adds SerialCluster's grains' services to a silo, whatever its clustering.</summary>
public static class SerialClusterSiloBuilderExtensions
{
    /// <summary>
    /// Registers the plan cache, this silo's live state, the silo-targeted placement the coordinator spreads
    /// work with, and in-memory <see cref="SerialClusterStorage.Jobs"/> storage unless the host registered a
    /// provider of that name first (the silo host registers Redis before calling this).
    /// </summary>
    public static ISiloBuilder AddSerialCluster(this ISiloBuilder builder, Action<SerialClusterOptions>? configure = null)
    {
        var options = new SerialClusterOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new SiloState(options.Role, coresDeclared: options.UsableCoresOverride is not null));
        builder.Services.AddSingleton<PlanCache>();
        builder.Services.AddSingleton<CostHistoryCache>();
        builder.Services.AddSingleton<PlanShapes>();
        builder.Services.AddSingleton<CostAdvisor>();
        // The host's configured limits when it registered them first; else the defaults.
        builder.Services.TryAddSingleton(new JobLimits());
        builder.Services.AddSingleton<JobAdmission>();
        builder.Services.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>();
        builder.Services.AddPlacementDirector<CoordinatorPlacement, CoordinatorPlacementDirector>();
        builder.Services.AddCalibration();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloGauges>();
        // Orleans carries the W3C trace context of a call in its request context (SerialCluster's spans put theirs there too).
        builder.AddActivityPropagation();
        builder.AddReliability(options.Reliability);
        if (!HasGrainStorage(builder.Services, SerialClusterStorage.Jobs))
        {
            builder.AddMemoryGrainStorage(SerialClusterStorage.Jobs);
        }

        return builder;
    }

    /// <summary>Orleans registers each named grain storage provider as a keyed <see cref="IGrainStorage"/> singleton.</summary>
    private static bool HasGrainStorage(IServiceCollection services, string name) =>
        services.Any(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name));
}
