using SerialCluster.Abstractions.Grains;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Cli.Jobs;

/// <summary>Submits a job to the cluster and follows it to the end, reporting progress.</summary>
public sealed class JobRunner(IClusterClient client)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A fresh job id: short, unique, safe in grain keys and file names.</summary>
    public static string NewJobId() => "j-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Submits <paramref name="spec"/> and polls until it finishes; returns the final status (completed or failed).</summary>
    public async Task<JobStatus> RunAsync(JobSpec spec, Action<long, long, string> progress, CancellationToken cancellationToken)
    {
        var job = client.GetGrain<IJobGrain>(NewJobId());
        var status = await job.SubmitAsync(spec);
        if (status.State == JobState.Rejected)
        {
            throw new CliException(ExitCodes.JobFailed, $"the cluster refused the job: {status.Error}");
        }

        while (!status.IsFinished)
        {
            progress(status.UnitsDone, status.UnitsTotal, status.Unit);
            await Task.Delay(PollInterval, cancellationToken);
            status = await job.GetStatusAsync();
        }

        progress(status.UnitsDone, status.UnitsTotal, status.Unit);
        return status;
    }
}
