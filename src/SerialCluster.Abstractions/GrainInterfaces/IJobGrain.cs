using Orleans.Concurrency;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>The coordinator of one job, keyed by job id: compiles the plan, runs its stages, measures the profile.</summary>
[Alias("SerialCluster.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Validates and starts the job; returns at once with Running, or Rejected and the reason. Idempotent for the same spec.</summary>
    [Alias("Submit")]
    Task<JobStatus> SubmitAsync(JobSpec spec);

    /// <summary>State, progress and, once finished, result and profile. Answers while the job computes.</summary>
    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<JobStatus> GetStatusAsync();

    /// <summary>Units done so far, reported by the activation running a chain or a pinned job.</summary>
    [AlwaysInterleave]
    [OneWay]
    [Alias("ReportProgress")]
    Task ReportProgressAsync(long unitsDone);

    /// <summary>Stops a running job (state Cancelled, with the reason); a finished job is left as it is. Returns the state after.</summary>
    [AlwaysInterleave]
    [Alias("Cancel")]
    Task<JobStatus> CancelAsync(string reason);

    /// <summary>Deletes a job's stored state and result; a running job is cancelled first. True when deleted.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();

    /// <summary>Activates the coordinator, which resumes a running job whose last coordinator was lost. Sent by the job keepers.</summary>
    [AlwaysInterleave]
    [OneWay]
    [Alias("KeepAlive")]
    Task KeepAliveAsync();

    /// <summary>What surviving failures cost this job so far: resumptions, retried tasks, checkpoints.</summary>
    [AlwaysInterleave]
    [Alias("GetReliability")]
    Task<JobReliability> GetReliabilityAsync();
}
