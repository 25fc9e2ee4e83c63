using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Picks a stage's dispatcher: with <c>batchWideStages</c>, a stage <see cref="BatchedStageDispatcher.Applies"/> to goes
/// in batches, every other one task per call. Both keep the same guarantees, so the choice changes only the calls.
/// </summary>
/// <param name="maxAttempts">Attempts one task may take before the stage fails.</param>
/// <param name="localSilo">The coordinator's silo; batched calls to others go packed (null: none packed).</param>
public sealed class StageDispatcherSelector(IGrainFactory grains, SiloWatch watch, int maxAttempts, bool batchWideStages, SiloAddress? localSilo = null)
    : IStageDispatcher
{
    private readonly PerTaskStageDispatcher _perTask = new(grains, watch, maxAttempts);
    private readonly BatchedStageDispatcher? _batched = batchWideStages ? new(grains, watch, maxAttempts, localSilo) : null;

    /// <summary>The dispatcher for <paramref name="stage"/>.</summary>
    public IStageDispatcher For(StageSpec stage) =>
        _batched is not null && BatchedStageDispatcher.Applies(stage) ? _batched : _perTask;

    public Task<byte[][]> RunAsync(StageRun run, CancellationToken cancellationToken) => For(run.StageSpec).RunAsync(run, cancellationToken);
}
