using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;

namespace SerialCluster.Grains.Placement;

/// <summary>
/// Puts a job's coordinator on the silo its submitting call asked for (<see cref="CoordinatorSilo"/>) when that silo is
/// active; otherwise hands the choice to the director of Orleans' default placement, so jobs submitted without a request
/// spread as before.
/// </summary>
public sealed class CoordinatorPlacementDirector(IServiceProvider services) : IPlacementDirector
{
    private readonly Lazy<(PlacementStrategy Strategy, IPlacementDirector? Director)> _default = new(() =>
    {
        var strategy = services.GetRequiredService<PlacementStrategy>();
        return (strategy, services.GetKeyedService<IPlacementDirector>(strategy.GetType()));
    });

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (CoordinatorSilo.Requested(target) is { } wanted && NamedSilo.Find(compatible, wanted) is { } named)
        {
            return Task.FromResult(named);
        }

        var (fallback, director) = _default.Value;
        return director is not null && director is not CoordinatorPlacementDirector
            ? director.OnAddActivation(fallback, target, context)
            : Task.FromResult(compatible[Random.Shared.Next(compatible.Length)]);
    }
}
