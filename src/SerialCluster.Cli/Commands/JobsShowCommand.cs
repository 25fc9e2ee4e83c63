using System.Text.Json;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using SerialCluster.Workloads.Plans;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster jobs show &lt;jobId&gt;</c>: a job's state and progress; once finished its result and profile, as
/// <c>run</c> prints them; and what surviving failures cost it (resumptions, retried tasks, checkpoints).
/// </summary>
public sealed class JobsShowCommand(ConsoleStreams console) : AsyncCommand<JobIdSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobIdSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenRunningAsync(settings, console.Say, cancellationToken);
        var job = connection.Client.GetGrain<IJobGrain>(settings.JobId);
        var status = await job.GetStatusAsync();
        if (status.State == JobState.Unknown || status.Spec is null)
        {
            throw new CliException(
                ExitCodes.JobNotFound,
                $"no job '{settings.JobId}' on the {connection.Description}; {connection.Hint.Command("jobs list")} shows the jobs it keeps");
        }

        var reliability = await job.GetReliabilityAsync();
        if (settings.Json)
        {
            var document = JobDocument.Build(status);
            document["state"] = status.State.ToString().ToLowerInvariant();
            document["unitsDone"] = status.UnitsDone;
            document["unitsTotal"] = status.UnitsTotal;
            document["error"] = status.Error;
            document["reliability"] = JsonSerializer.SerializeToNode(reliability, JobDocument.Options);
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(document));
            return ExitCodes.Success;
        }

        // What was asked for is the command's result: stdout, like `run`'s profile (progress and notes stay on stderr).
        console.Out.WriteLine(
            $"job {status.JobId}: {status.Spec.Workload} ({status.Spec.Mode.ToString().ToLowerInvariant()}), {status.State.ToString().ToLowerInvariant()}, " +
            $"{status.UnitsDone}/{status.UnitsTotal} {status.Unit}{(status.Error is null ? "" : $": {status.Error}")}");
        console.Out.WriteLine(
            $"reliability: coordinator runs {reliability.CoordinatorRuns}, tasks committed {reliability.TasksCommitted} (retried {reliability.TasksRetried}, " +
            $"late duplicates discarded {reliability.DuplicatesDiscarded}), " +
            $"chain restarts {reliability.ChainRestarts}, checkpoints {reliability.Checkpoints} ({reliability.CheckpointSeconds:F3} s beside " +
            $"{reliability.ChainComputeSeconds:F3} s of compute, K up to {reliability.CheckpointSteps})" +
            (reliability.ResumedFromSteps.Count > 0 ? $", resumed from step(s) {string.Join(", ", reliability.ResumedFromSteps)}" : ""));
        if (status.State == JobState.Completed)
        {
            var cores = await ClusterCores.CountAsync(connection.Client, cancellationToken);
            ProfileView.Write(console.Out, status, WorkloadCatalog.Get(status.Spec.Workload).Plan(status.Spec.Parameters), cores);
        }

        return ExitCodes.Success;
    }
}
