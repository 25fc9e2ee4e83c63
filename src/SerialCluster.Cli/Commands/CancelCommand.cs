using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary><c>serialcluster cancel &lt;jobId&gt;</c>: stops a running job (its tasks and chain stop at their next batch); a finished job is left as it
/// is.</summary>
public sealed class CancelCommand(ConsoleStreams console) : AsyncCommand<JobIdSettings>
{
    private static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenRunningAsync(settings, console.Say, cancellationToken);
        var status = await CancelAsync(connection.Client.GetGrain<IJobGrain>(settings.JobId), cancellationToken);
        switch (status.State)
        {
            case JobState.Unknown:
                throw new CliException(ExitCodes.JobNotFound, $"no job '{settings.JobId}' on the {connection.Description}");
            case JobState.Cancelled:
                console.Say($"job {settings.JobId} cancelled at {status.UnitsDone}/{status.UnitsTotal} {status.Unit}");
                break;
            default:
                console.Say($"job {settings.JobId} had already finished: {status.State.ToString().ToLowerInvariant()}");
                break;
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// A cancel is idempotent, so a try that meets a passing failure is repeated, each bounded: a call the client sent
    /// through a gateway that just died gets no answer until Orleans' 30 s response timeout.
    /// </summary>
    private static async Task<JobStatus> CancelAsync(IJobGrain job, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await job.CancelAsync("cancelled by `serialcluster cancel`").WaitAsync(TryTimeout, cancellationToken);
            }
            catch (Exception e) when (ClusterFailures.IsTransient(e) && !cancellationToken.IsCancellationRequested && clock.Elapsed < RetryWindow)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }
}
