using Orleans.Concurrency;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Diagnostics;

/// <summary>
/// Sets the last-job gauges on the silo it runs on. A stateless worker: it runs on the silo that receives the call
/// (a client's gateway), so the figures appear at once on that silo's <c>/metrics</c>.
/// </summary>
[StatelessWorker]
public sealed class TelemetryGrain(ILocalSiloDetails silo) : Grain, ITelemetryGrain
{
    public Task<string> PublishSweepAsync(string workload, double speedup, double parallelism, double serialFraction, double bound) =>
        PublishSweepAsync(workload, speedup, parallelism, serialFraction, bound, double.NaN);

    public Task<string> PublishSweepAsync(
        string workload,
        double speedup,
        double parallelism,
        double serialFraction,
        double bound,
        double serialFractionOnMeasuredCores)
    {
        // Labels stay low-cardinality: only catalog names become series.
        var known = WorkloadCatalog.All.FirstOrDefault(w => string.Equals(w.Name, workload?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"workload '{workload}' is not known; allowed: {string.Join(", ", WorkloadCatalog.All.Select(w => w.Name))}", nameof(workload));
        SerialClusterMetrics.PublishLastJob(known.Name, speedup, parallelism, serialFraction, bound, serialFractionOnMeasuredCores);
        return Task.FromResult(silo.Name);
    }
}
