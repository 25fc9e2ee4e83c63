using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster jobs wait &lt;jobId&gt;</c>: waits quietly until a job on a running cluster finishes and exits with its
/// exit code (0 completed, 1 failed, 130 cancelled); <c>--json</c> prints its document. Ctrl+C stops waiting, not the job.
/// </summary>
public sealed class JobsWaitCommand(ConsoleStreams console) : AsyncCommand<JobIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenRunningAsync(settings, console.Say, cancellationToken);
        var status = await JobWatch.FindAsync(connection, settings.JobId);
        if (!status.IsFinished)
        {
            var runner = new JobRunner(connection.Client);
            var started = status;
            status = await JobWatch.DetachOnCancelAsync(
                status.JobId, () => runner.FollowAsync(started, (_, _, _) => { }, cancellationToken, detachOnCancel: true), cancellationToken);
        }

        if (settings.Json)
        {
            var document = status.State == JobState.Completed ? JobDocument.Build(status) : JobOutcome.Document(status);
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(document));
        }

        if (status.State != JobState.Completed)
        {
            throw new CliException(JobOutcome.ExitCode(status), JobOutcome.Describe(status));
        }

        console.Say($"job {status.JobId} completed");
        return ExitCodes.Success;
    }
}
