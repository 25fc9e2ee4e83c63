using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using SerialCluster.Workloads.Plans;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster jobs follow &lt;jobId&gt;</c>: re-attaches the progress bar to a job on a running cluster and prints its
/// result as <c>run</c> does, exiting with the job's exit code. Ctrl+C detaches: the job runs on.
/// </summary>
public sealed class JobsFollowCommand(ConsoleStreams console) : AsyncCommand<JobIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenRunningAsync(settings, console.Say, cancellationToken);
        var status = await JobWatch.FindAsync(connection, settings.JobId);
        if (!status.IsFinished)
        {
            console.Say($"following job {status.JobId} ({status.Spec!.Workload}); Ctrl+C detaches, the job runs on");
            var runner = new JobRunner(connection.Client);
            var started = status;
            status = await JobWatch.DetachOnCancelAsync(
                status.JobId,
                () => ProgressDisplay.ShowAsync(
                    console, started.Spec!.Workload, progress => runner.FollowAsync(started, progress, cancellationToken, detachOnCancel: true)),
                cancellationToken);
        }

        if (status.State != JobState.Completed)
        {
            if (settings.Json)
            {
                console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(JobOutcome.Document(status)));
            }

            throw new CliException(JobOutcome.ExitCode(status), JobOutcome.Describe(status));
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(JobDocument.Build(status)));
        }
        else
        {
            var cores = await ClusterCores.CountAsync(connection.Client, cancellationToken);
            ProfileView.Write(console.Out, status, WorkloadCatalog.Get(status.Spec!.Workload).Plan(status.Spec.Parameters), cores);
        }

        return ExitCodes.Success;
    }
}
