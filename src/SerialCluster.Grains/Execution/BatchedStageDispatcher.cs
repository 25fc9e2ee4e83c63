using SerialCluster.Abstractions.Execution;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Dispatches a wide, non-speculative stage in batches of consecutive tasks, one worker call per batch, sized by
/// <see cref="TaskBatchSizer"/> so long tasks go out one by one while tiny ones stop paying a call each. P lanes, each on
/// the least-loaded silo, with per-task dispatch's durability; <paramref name="maxAttempts"/> attempts per task.
/// </summary>
/// <param name="localSilo">The coordinator's silo: calls to others go packed (<see cref="PackedBytes"/>); null: none.</param>
public sealed class BatchedStageDispatcher(IGrainFactory grains, SiloWatch watch, int maxAttempts, SiloAddress? localSilo = null) : IStageDispatcher
{
    /// <summary>Stages with fewer tasks are dispatched one task per call: batching cannot save much there.</summary>
    public const int MinimumTasks = 64;

    /// <summary>
    /// The most tasks one call carries, so what is in flight stays bounded (about 2·P·this tasks) rather than growing with
    /// the stage's task count, while a call still carries milliseconds of work even for sub-microsecond tasks. At this size
    /// a batch's per-task arrays (8 bytes a task) stay under the large-object threshold (85,000 bytes), so their garbage
    /// goes in gen 0 instead of waiting for a full collection.
    /// </summary>
    public const int MaxTasksPerCall = 8_192;

    /// <summary>Batches in flight per lane: the one running and the next, queued on the worker.</summary>
    public const int LaneDepth = 2;

    /// <summary>Whether this stage can go to the batched path (when <c>SerialClusterOptions.BatchWideStages</c> is on).</summary>
    public static bool Applies(StageSpec stage) => stage.Kind == StageKind.Parallel && !stage.Speculative && stage.TaskCount >= MinimumTasks;

    public Task<byte[][]> RunAsync(StageRun run, CancellationToken cancellationToken)
    {
        var book = new RetryBook(run.Stage, maxAttempts, run.Silos, run.Ledger, watch.IsLost);
        return new BatchedStageRun(grains, book, localSilo, run, watch.Time, cancellationToken).RunAsync();
    }
}
