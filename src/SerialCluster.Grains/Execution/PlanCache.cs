using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Kernels.Plans;

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

    // Plans compiled for a spec object while it is alive: the limits filter compiles a submitted spec, and the
    // coordinator's own compile of the same object then costs nothing.
    private static readonly ConditionalWeakTable<JobSpec, WorkloadPlan> Compiled = new();

    /// <summary>Compiles a spec (once per spec object); throws the kernels' own exceptions for a bad workload or parameters.</summary>
    public static WorkloadPlan Compile(JobSpec spec) =>
        Compiled.GetValue(spec, s => WorkloadCatalog.Get(s.Workload).Plan(s.Parameters));
}
