using System.Collections.Concurrent;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Compiled plans by job id, so a worker compiles a job's plan once rather than per task. Bounded: the oldest
/// entries go first; a plan evicted too early is simply compiled again, since compiling is pure.
/// </summary>
public sealed class PlanCache
{
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<string, Lazy<WorkloadPlan>> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public WorkloadPlan Get(string jobId, JobSpec spec)
    {
        var added = false;
        var lazy = _plans.GetOrAdd(jobId, _ =>
        {
            added = true;
            return new Lazy<WorkloadPlan>(() => Compile(spec));
        });
        if (added)
        {
            _order.Enqueue(jobId);
            while (_plans.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _plans.TryRemove(oldest, out _);
            }
        }

        return lazy.Value;
    }

    /// <summary>Compiles a spec afresh (nothing is kept); throws the kernels' own exceptions for a bad workload or parameters.</summary>
    public static WorkloadPlan Compile(JobSpec spec) => WorkloadCatalog.Get(spec.Workload).Plan(spec.Parameters);
}
