using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// A job a fault test submitted and follows as a client would: status polls that may fail while silos die (each
/// failure counted, as a user would see it), the highest progress seen, and a wait for the end with a deadline.
/// </summary>
public sealed class WatchedJob
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(1);

    private readonly Func<IClusterClient> _client;

    private WatchedJob(Func<IClusterClient> client, string id, JobSpec spec)
    {
        _client = client;
        Id = id;
        Spec = spec;
    }

    public string Id { get; }

    public JobSpec Spec { get; }

    public IJobGrain Grain => _client().GetGrain<IJobGrain>(Id);

    /// <summary>Status calls that failed, as a client polling the job would see them.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Status calls that had not answered after a second (the poll moved on; not an error).</summary>
    public int SlowCalls { get; private set; }

    public long MaxUnitsSeen { get; private set; }

    public JobStatus? Last { get; private set; }

    public static Task<WatchedJob> SubmitAsync(
        ProcessCluster cluster, string workload, Dictionary<string, string> parameters, JobMode mode, int parallelism) =>
        SubmitAsync(() => cluster.Client, workload, parameters, mode, parallelism);

    /// <summary>Submits through whichever client <paramref name="client"/> gives at each call (it may be replaced).</summary>
    public static async Task<WatchedJob> SubmitAsync(
        Func<IClusterClient> client, string workload, Dictionary<string, string> parameters, JobMode mode, int parallelism)
    {
        var spec = new JobSpec(workload, parameters, mode, parallelism);
        var job = new WatchedJob(client, "rt-" + Guid.NewGuid().ToString("N")[..12], spec);
        var status = await job.Grain.SubmitAsync(spec);
        Assert.True(status.State == JobState.Running, $"the job was not accepted: {status.State} {status.Error}");
        job.Last = status;
        return job;
    }

    /// <summary>One status poll; null (and counted) when the call fails or takes longer than a second.</summary>
    public async Task<JobStatus?> PollAsync()
    {
        try
        {
            var status = await Grain.GetStatusAsync().WaitAsync(CallTimeout);
            Last = status;
            MaxUnitsSeen = Math.Max(MaxUnitsSeen, status.UnitsDone);
            return status;
        }
        catch (TimeoutException)
        {
            SlowCalls++;
            return null;
        }
        catch (Exception e) when (e is OrleansException or OperationCanceledException or ObjectDisposedException)
        {
            Errors.Add($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
            return null;
        }
    }

    /// <summary>The job's reliability figures; null when the call fails or takes longer than a second.</summary>
    public async Task<JobReliability?> TryReliabilityAsync()
    {
        try
        {
            return await Grain.GetReliabilityAsync().WaitAsync(CallTimeout);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return null;
        }
    }

    /// <summary>Polls until the job's progress reaches <paramref name="units"/>.</summary>
    public Task WaitForUnitsAsync(long units, TimeSpan deadline) =>
        Poll.UntilAsync($"job {Id} to reach {units} units (seen {MaxUnitsSeen})", deadline, async () =>
        {
            var status = await PollAsync();
            Assert.False(status is { IsFinished: true } && status.UnitsDone < units, $"job {Id} finished ({status?.State}) before reaching {units} units");
            return status is { } s && s.UnitsDone >= units ? s : null;
        });

    /// <summary>Polls until the job's progress exceeds everything seen before; returns when that happened.</summary>
    public async Task<TimeSpan> WaitForProgressBeyondAsync(long units, Stopwatch since, TimeSpan deadline)
    {
        await Poll.UntilAsync($"job {Id} to progress beyond {units} units", deadline, async () =>
        {
            var status = await PollAsync();
            return status is { } s && (s.UnitsDone > units || s.IsFinished) ? s : null;
        });
        return since.Elapsed;
    }

    /// <summary>Polls until the job has finished; returns its final status.</summary>
    public Task<JobStatus> WaitForEndAsync(TimeSpan deadline) =>
        Poll.UntilAsync($"job {Id} to finish (last: {Last?.State} {Last?.UnitsDone}/{Last?.UnitsTotal})", deadline, async () =>
        {
            var status = await PollAsync();
            return status is { IsFinished: true } ? status : null;
        });
}
