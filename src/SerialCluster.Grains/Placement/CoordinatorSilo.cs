using Orleans.Runtime.Placement;

namespace SerialCluster.Grains.Placement;

/// <summary>
/// Asks for a job's coordinator on a named silo: the request context of the call that activates the job grain carries
/// the silo's address, and <see cref="CoordinatorPlacementDirector"/> honours it while that silo is active. A sweep uses
/// it to warm every silo's coordinator path before it measures, since a silo's first job compiles that path.
/// </summary>
public static class CoordinatorSilo
{
    /// <summary>The request-context key; its value is the silo's <see cref="SiloAddress.ToParsableString"/>.</summary>
    public const string ContextKey = "serialcluster.coordinator-silo";

    /// <summary>Sets the request for calls made until the returned scope is disposed; null asks for nothing.</summary>
    public static IDisposable Request(SiloAddress? silo)
    {
        if (silo is not null)
        {
            RequestContext.Set(ContextKey, silo.ToParsableString());
        }

        return new Scope(silo is not null);
    }

    /// <summary>The silo a placement target asks for, if any.</summary>
    public static string? Requested(PlacementTarget target) =>
        target.RequestContextData is { } data && data.TryGetValue(ContextKey, out var value) ? value as string : null;

    private sealed class Scope(bool set) : IDisposable
    {
        public void Dispose()
        {
            if (set)
            {
                RequestContext.Remove(ContextKey);
            }
        }
    }
}
