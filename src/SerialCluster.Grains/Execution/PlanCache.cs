using System.Collections.Concurrent;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Compiled plans by job id, so a worker compiles a job's plan once rather than per task. Bounded in count (the oldest
/// go first) and in time: a plan no task has asked for in <see cref="IdleAfter"/> is dropped, since a worker is never
/// told that a job ended and a large plan (a circuit of millions of gates) must not outlive its job. A plan dropped too
/// early is simply compiled again, since compiling is pure.
/// </summary>
public sealed class PlanCache : IDisposable
{
    public const int Capacity = 64;

    /// <summary>How long a plan stays cached without being asked for.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(30);

    /// <summary>Growth of the committed heap since the last compaction that makes an idle silo compact it.</summary>
    public const long CompactAbove = 256L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<WorkloadPlan>> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastUsed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;
    private long _committedAfterCompaction;

    public PlanCache(TimeProvider time)
    {
        _time = time;
        _sweeper = time.CreateTimer(_ => Sweep(), null, IdleAfter / 2, IdleAfter / 2);
    }

    /// <summary>Plans cached now.</summary>
    public int Count => _plans.Count;

    public WorkloadPlan Get(string jobId, JobSpec spec)
    {
        var added = false;
        var lazy = _plans.GetOrAdd(jobId, _ =>
        {
            added = true;
            return new Lazy<WorkloadPlan>(() => Compile(spec));
        });
        _lastUsed[jobId] = _time.GetTimestamp();
        if (added)
        {
            _order.Enqueue(jobId);
            while (_plans.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _plans.TryRemove(oldest, out _);
                _lastUsed.TryRemove(oldest, out _);
            }
        }

        return lazy.Value;
    }

    /// <summary>
    /// Drops the plans not asked for in <see cref="IdleAfter"/>; returns how many. With no plan cached and the committed
    /// heap <see cref="CompactAbove"/> over what the last compaction left, the heap is compacted and returned to the
    /// system: a server-GC silo otherwise keeps the peak of its last jobs (coordinators' plans too) while idle.
    /// </summary>
    public int Sweep()
    {
        var dropped = 0;
        foreach (var (jobId, used) in _lastUsed)
        {
            // Removed only if not asked for since it was read here; a plan asked for meanwhile stays.
            if (_time.GetElapsedTime(used) >= IdleAfter && _lastUsed.TryRemove(new KeyValuePair<string, long>(jobId, used)))
            {
                _plans.TryRemove(jobId, out _);
                dropped++;
            }
        }

        if (_plans.IsEmpty && GC.GetGCMemoryInfo().TotalCommittedBytes > _committedAfterCompaction + CompactAbove)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            _committedAfterCompaction = GC.GetGCMemoryInfo().TotalCommittedBytes;
        }

        return dropped;
    }

    public void Dispose() => _sweeper.Dispose();

    /// <summary>Compiles a spec afresh (nothing is kept); throws the kernels' own exceptions for a bad workload or parameters.</summary>
    public static WorkloadPlan Compile(JobSpec spec) => WorkloadCatalog.Get(spec.Workload).Plan(spec.Parameters);
}
