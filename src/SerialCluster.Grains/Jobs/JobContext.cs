using Microsoft.Extensions.Logging;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.CostModel;
using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// What the parts of one job's coordinator share: the job's id and stored record, the silo's services, and the units
/// done so far (status queries read them while the run advances them). One per <see cref="JobGrain"/> activation.
/// </summary>
internal sealed class JobContext(
    string jobId,
    IPersistentState<JobRecord> record,
    IGrainFactory grains,
    IServiceProvider services,
    IClusterMembershipService membership,
    SerialClusterOptions options,
    CostAdvisor costAdvisor,
    ILocalSiloDetails localSilo,
    TimeProvider time,
    ILogger logger,
    Action<TimeSpan> delayDeactivation,
    Action deactivate)
{
    public string JobId => jobId;

    public IPersistentState<JobRecord> Record => record;

    public JobRecord Job => record.State;

    public IGrainFactory Grains => grains;

    public IServiceProvider Services => services;

    public IClusterMembershipService Membership => membership;

    public SerialClusterOptions Options => options;

    public CostAdvisor CostAdvisor => costAdvisor;

    public ILocalSiloDetails LocalSilo => localSilo;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    public IJobRegistryGrain Registry => grains.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key);

    /// <summary>Units done, for status: never above the job's total, never lowered by a late report.</summary>
    public long UnitsDone { get; set; }

    /// <summary>Keeps the activation alive for <paramref name="period"/>: a running job's work is not a request.</summary>
    public void DelayDeactivation(TimeSpan period) => delayDeactivation(period);

    /// <summary>Lets the activation go once idle: a superseded run's memory is stale, the next call reads storage.</summary>
    public void Deactivate() => deactivate();

    /// <summary>Counts <paramref name="units"/> more done, up to the job's total.</summary>
    public void AddUnits(long units) => UnitsDone = Math.Min(Job.UnitsTotal, UnitsDone + units);

    /// <summary>The job as the registry lists it.</summary>
    public JobSummary Summary() =>
        new(JobId, Job.Spec?.Workload ?? string.Empty, Job.Spec?.Mode ?? JobMode.Scatter, Job.State, Job.SubmittedAt, Job.FinishedAt, Job.Error);

    /// <summary>The job as a status query sees it.</summary>
    public JobStatus Status() =>
        new(JobId, Job.State, UnitsDone, Job.UnitsTotal, Job.Unit, Job.Error, Job.ResultJson, Job.Profile, Job.Spec);
}
