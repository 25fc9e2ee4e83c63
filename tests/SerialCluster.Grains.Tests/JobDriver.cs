using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Tests;

/// <summary>Submits jobs and waits for them with a deadline; a timeout says what it waited for.</summary>
public static class JobDriver
{
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static async Task<JobStatus> RunAsync(
        IClusterClient client,
        string workload,
        IReadOnlyDictionary<string, string> parameters,
        JobMode mode,
        int parallelism)
    {
        var job = client.GetGrain<IJobGrain>("t-" + Guid.NewGuid().ToString("N"));
        var status = await job.SubmitAsync(new JobSpec(workload, new Dictionary<string, string>(parameters), mode, parallelism));
        var clock = Stopwatch.StartNew();
        while (!status.IsFinished)
        {
            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException(
                    $"job {workload} ({mode}, P={parallelism}) did not finish within {Deadline}; last status {status.State} " +
                    $"{status.UnitsDone}/{status.UnitsTotal}");
            }

            await Task.Delay(20);
            status = await job.GetStatusAsync();
        }

        return status;
    }

    public static async Task<JobStatus> RunCompletedAsync(
        IClusterClient client,
        string workload,
        IReadOnlyDictionary<string, string> parameters,
        JobMode mode,
        int parallelism)
    {
        var status = await RunAsync(client, workload, parameters, mode, parallelism);
        Assert.True(status.State == JobState.Completed, $"job {workload} ({mode}, P={parallelism}) ended {status.State}: {status.Error}");
        return status;
    }
}
