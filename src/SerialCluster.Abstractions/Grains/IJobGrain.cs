using Orleans.Concurrency;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.Grains;

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
}
