using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary><c>serialcluster jobs delete &lt;jobId&gt;</c>: deletes a finished job and its result from the cluster's storage.</summary>
public sealed class JobsDeleteCommand(ConsoleStreams console) : AsyncCommand<JobIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenRunningAsync(settings, console.Say, cancellationToken);
        var job = connection.Client.GetGrain<IJobGrain>(settings.JobId);
        var status = await job.GetStatusAsync();
        if (status.State == JobState.Unknown)
        {
            // Not stored (any more); make sure the list does not name it either.
            await connection.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ForgetAsync(settings.JobId);
            throw new CliException(ExitCodes.JobNotFound, $"no job '{settings.JobId}' on the {connection.Description}");
        }

        if (!await job.DeleteAsync())
        {
            throw new CliException(
                ExitCodes.JobRunning, $"job {settings.JobId} is still running; cancel it first ({connection.Hint.Command($"cancel {settings.JobId}")})");
        }

        console.Say($"job {settings.JobId} deleted");
        return ExitCodes.Success;
    }
}
