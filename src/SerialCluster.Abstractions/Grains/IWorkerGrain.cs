using Orleans.Concurrency;
using SerialCluster.Abstractions.Execution;

namespace SerialCluster.Abstractions.Grains;

/// <summary>Runs parallel tasks on the silo named by its key; one reentrant activation per silo serves them all.</summary>
[Alias("SerialCluster.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithStringKey
{
    [Alias("RunTask")]
    [ResponseTimeout(LongRunning.Timeout)]
    Task<StageTaskOutcome> RunTaskAsync(StageTaskRequest request);

    [AlwaysInterleave]
    [Alias("GetCapacity")]
    Task<SiloCapacity> GetCapacityAsync();
}
