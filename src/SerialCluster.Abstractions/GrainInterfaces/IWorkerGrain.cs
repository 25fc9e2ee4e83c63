using Orleans.Concurrency;
using SerialCluster.Abstractions.Execution;

namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>Runs parallel tasks on the silo named by its key; one reentrant activation per silo serves them all.</summary>
[Alias("SerialCluster.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithStringKey
{
    [Alias("RunTask")]
    [ResponseTimeout(LongRunning.Timeout)]
    Task<StageTaskOutcome> RunTaskAsync(StageTaskRequest request);

    /// <summary>Runs consecutive tasks one after another on one thread: tiny tasks pay one call per batch, not one each.</summary>
    [Alias("RunTasks")]
    [ResponseTimeout(LongRunning.Timeout)]
    Task<StageTaskBatchOutcome> RunTasksAsync(StageTaskBatchRequest request);

    [AlwaysInterleave]
    [Alias("GetCapacity")]
    Task<SiloCapacity> GetCapacityAsync();
}
