namespace SerialCluster.Grains.Execution;

/// <summary>
/// Runs one parallel stage of a job across the cluster and hands back its outputs in task order. Every task result
/// goes through the stage's ledger (<see cref="StageRun.Ledger"/>), which commits each task once; a task whose silo
/// is lost or whose call fails transiently is sent again elsewhere (<see cref="RetryBook"/>).
/// </summary>
public interface IStageDispatcher
{
    Task<byte[][]> RunAsync(StageRun run, CancellationToken cancellationToken);
}
