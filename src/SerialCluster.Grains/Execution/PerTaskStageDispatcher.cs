using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// Dispatches a parallel stage one task per worker call: at most P in flight, each to the silo with the lowest share of
/// its cores in use (<see cref="Placement.TaskPlacement"/>), outputs in task order. A speculative stage starts no task
/// after the lowest decisive one and discards any still running. Each stage is its own <see cref="PerTaskStageRun"/>.
/// </summary>
/// <param name="maxAttempts">Attempts one task may take before the stage fails.</param>
public sealed class PerTaskStageDispatcher(IGrainFactory grains, SiloWatch watch, int maxAttempts) : IStageDispatcher
{
    public Task<byte[][]> RunAsync(StageRun run, CancellationToken cancellationToken) =>
        new PerTaskStageRun(grains, new RetryBook(run.Stage, maxAttempts, run.Silos, run.Ledger, watch.IsLost), run, watch.Time, cancellationToken).RunAsync();
}
