using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using SerialCluster.Workloads.Plans;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary><c>serialcluster run &lt;workload&gt;</c>: validates, submits, follows and prints one job.</summary>
public sealed class RunCommand(ConsoleStreams console) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        // Everything the kernels check is checked here first, before any cluster starts.
        var workload = WorkloadCatalog.Get(settings.Workload);
        var raw = ParameterArguments.Parse(workload, settings.Set);
        var plan = workload.Plan(raw);
        var spec = new JobSpec(
            workload.Name,
            new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal),
            settings.ParsedMode,
            settings.Parallelism,
            settings.Deadline);
        if (settings.Detach && settings.EffectiveGateway is null && settings.EffectiveRedis is null)
        {
            throw new CliException(ExitCodes.Usage, "--detach needs a running cluster (--gateway or --redis): an embedded cluster ends with this command");
        }

        await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, cancellationToken);
        var runner = new JobRunner(connection.Client);
        if (settings.Detach)
        {
            var accepted = await runner.SubmitAsync(spec, settings.IdempotencyKey, cancellationToken);
            SayRetries(runner, accepted);
            console.Say(runner.ExistingJob
                ? $"idempotency key '{settings.IdempotencyKey}' had already started job {accepted.JobId}: started nothing new; follow it with " +
                    connection.Hint.Command($"jobs show {accepted.JobId}")
                : $"job {accepted.JobId} accepted ({workload.Name}, {settings.ParsedMode.ToString().ToLowerInvariant()}); follow it with " +
                    connection.Hint.Command($"jobs show {accepted.JobId}"));
            if (settings.Json)
            {
                var detached = new System.Text.Json.Nodes.JsonObject { ["jobId"] = accepted.JobId, ["state"] = accepted.State.ToString().ToLowerInvariant() };
                if (settings.IdempotencyKey is not null)
                {
                    detached["idempotencyKey"] = settings.IdempotencyKey;
                    detached["existingJob"] = runner.ExistingJob;
                }

                console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(detached));
            }
            else
            {
                console.Out.Profile.Out.Writer.WriteLine(accepted.JobId);
            }

            return ExitCodes.Success;
        }

        console.Say($"running {workload.Name} ({settings.ParsedMode.ToString().ToLowerInvariant()}) on the {connection.Description}");
        var submitted = await runner.SubmitAsync(spec, settings.IdempotencyKey, cancellationToken);
        SayRetries(runner, submitted);
        if (!connection.IsEmbedded)
        {
            console.Say(
                $"job {submitted.JobId} accepted; following it (Ctrl+C cancels it; {connection.Hint.Command($"jobs show {submitted.JobId}")} shows it later)");
        }

        var status = await ProgressDisplay.ShowAsync(
            console,
            workload.Name,
            progress => runner.FollowAsync(submitted, progress, cancellationToken));
        if (runner.ExistingJob)
        {
            console.Say($"idempotency key '{settings.IdempotencyKey}' had already started job {status.JobId}: followed it, started nothing new");
        }

        if (status.State == JobState.Cancelled)
        {
            throw new CliException(ExitCodes.Cancelled, $"job {status.JobId} was cancelled: {status.Error}");
        }

        if (status.State != JobState.Completed)
        {
            throw new CliException(ExitCodes.JobFailed, $"job {status.JobId} failed: {status.Error}");
        }

        if (settings.Json)
        {
            var document = JobDocument.Build(status);
            if (settings.IdempotencyKey is not null)
            {
                document["idempotencyKey"] = settings.IdempotencyKey;
                document["existingJob"] = runner.ExistingJob;
            }

            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(document));
        }
        else
        {
            ProfileView.Write(console.Out, status, plan);
        }

        return ExitCodes.Success;
    }

    private void SayRetries(JobRunner runner, JobStatus accepted)
    {
        if (runner.SubmitRetries > 0)
        {
            console.Say($"job {accepted.JobId} accepted after {runner.SubmitRetries + 1} tries under the same id ({runner.LastSubmitFailure} before)");
        }
    }
}
