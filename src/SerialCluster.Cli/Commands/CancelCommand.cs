using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary><c>serialcluster cancel &lt;jobId&gt;</c>: stops a running job (its tasks and chain stop at their next batch); a finished job is left as it
/// is.</summary>
public sealed class CancelCommand(ConsoleStreams console) : AsyncCommand<JobIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenRunningAsync(settings, console.Say, cancellationToken);
        var status = await connection.Client.GetGrain<IJobGrain>(settings.JobId).CancelAsync("cancelled by `serialcluster cancel`");
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
}
