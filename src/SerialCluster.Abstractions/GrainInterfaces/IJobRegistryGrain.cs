using Orleans.Concurrency;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Abstractions.GrainInterfaces;

/// <summary>
/// The cluster's durable list of jobs (one grain, key <see cref="Key"/>): what <c>serialcluster jobs list</c> shows,
/// where the silos' job keepers find running jobs to wake after a silo loss or a cluster restart, and where the
/// retention of finished jobs is applied.
/// </summary>
[Alias("SerialCluster.IJobRegistryGrain")]
public interface IJobRegistryGrain : IGrainWithStringKey
{
    public const string Key = "jobs";

    [Alias("Record")]
    Task RecordAsync(JobSummary job);

    [Alias("Forget")]
    Task ForgetAsync(string jobId);

    [AlwaysInterleave]
    [Alias("List")]
    Task<List<JobSummary>> ListAsync();

    /// <summary>Wakes every running job's coordinator (it resumes where its last one stopped) and deletes finished jobs past retention.</summary>
    [Alias("Keep")]
    Task<int> KeepAsync();
}
