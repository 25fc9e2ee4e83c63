using Microsoft.Extensions.DependencyInjection;
using SerialCluster.Grains.Calibration;
using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Hosting;

/// <summary>Adds SerialCluster's grains' services to a silo, whatever its clustering.</summary>
public static class SerialClusterSiloBuilderExtensions
{
    /// <summary>Registers the plan cache, this silo's live state and the silo-targeted placement the coordinator spreads work with.</summary>
    public static ISiloBuilder AddSerialCluster(this ISiloBuilder builder, Action<SerialClusterOptions>? configure = null)
    {
        var options = new SerialClusterOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new SiloState(options.Role));
        builder.Services.AddSingleton<PlanCache>();
        builder.Services.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>();
        builder.Services.AddCalibration();
        return builder;
    }
}
