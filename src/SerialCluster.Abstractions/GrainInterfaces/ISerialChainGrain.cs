using Orleans.Concurrency;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>
/// Runs a serial chain, or a whole pinned job, inside ONE activation on the silo named in its key
/// (<c>"{silo}|{job}/{stage}"</c>), in measured batches: never a grain call per step.
/// </summary>
[Alias("SerialCluster.ISerialChainGrain")]
public interface ISerialChainGrain : IGrainWithStringKey
{
    [Alias("RunChain")]
    [ResponseTimeout(LongRunning.Timeout)]
    Task<ChainOutcome> RunChainAsync(ChainRequest request);

    [Alias("RunPinned")]
    [ResponseTimeout(LongRunning.Timeout)]
    Task<PinnedOutcome> RunPinnedAsync(string jobId, JobSpec spec);

    /// <summary>Steps done by the chain in progress (0 when idle). Answers between batches.</summary>
    [AlwaysInterleave]
    [Alias("GetStepsDone")]
    Task<long> GetStepsDoneAsync();

    /// <summary>Stops the chain of <paramref name="jobId"/> running here at its next batch (the job was cancelled).</summary>
    [AlwaysInterleave]
    [Alias("Cancel")]
    Task CancelAsync(string jobId);
}
