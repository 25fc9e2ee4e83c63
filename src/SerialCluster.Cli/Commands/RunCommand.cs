using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Cli.Output;
using SerialCluster.Workloads.Plans;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary><c>serialcluster run &lt;workload&gt;</c>: validates, submits, follows and prints one job.</summary>
public sealed class RunCommand(ConsoleStreams console) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        StartupTimeline.Mark("the command line parsed");
        // Everything the kernels check is checked here first, before any cluster starts.
        var workload = WorkloadCatalog.Get(settings.Workload);
        var (_, plan) = ParameterArguments.ParseAndPlan(workload, settings.Set);
        var spec = new JobSpec(
            workload.Name,
            new Dictionary<string, string>(plan.Parameters.Canonical, StringComparer.Ordinal),
            settings.ParsedMode,
            settings.Parallelism,
            settings.Deadline);
        var prediction = await RunPrediction.PredictAsync(
            plan, settings.ParsedMode == JobMode.Pinned ? 1 : settings.Parallelism > 0 ? settings.Parallelism : Environment.ProcessorCount, cancellationToken);
        StartupTimeline.Mark("parameters checked, the plan compiled, the kernel probed for a run-time prediction");
        ConfirmLongRun(prediction, workload.Name, settings);
        await using var connection = await ClusterConnection.OpenAsync(
            settings,
            console.Say,
            settings.Detach
                ? "--detach needs a running cluster (`serialcluster up`, --gateway or --redis): an embedded cluster ends with this command"
                : null,
            cancellationToken);
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
        var loadWatch = await LoadWatch.StartAsync(connection.Client, console, cancellationToken);
        StartupTimeline.Mark("the machine's load read before the job");
        var submitted = await runner.SubmitAsync(spec, settings.IdempotencyKey, cancellationToken);
        StartupTimeline.Mark("the job submitted and accepted");
        SayRetries(runner, submitted);
        // The id comes first, before the bar: after a crash of this command the job can still be found by it.
        console.Say(connection.IsEmbedded
            ? $"job {submitted.JobId} accepted"
            : $"job {submitted.JobId} accepted; following it (Ctrl+C cancels it; {connection.Hint.Command($"jobs follow {submitted.JobId}")} re-attaches, " +
                $"{connection.Hint.Command($"jobs show {submitted.JobId}")} shows it later)");

        JobStatus status;
        try
        {
            status = await ProgressDisplay.ShowAsync(
                console,
                workload.Name,
                progress => runner.FollowAsync(submitted, progress, cancellationToken),
                prediction?.Seconds);
        }
        catch (Exception e) when (settings.Json && (e is CliException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested)))
        {
            var (code, message) = CliApplication.Classify(e, cancellationToken);
            var state = code switch
            {
                ExitCodes.Cancelled => "cancelled",
                ExitCodes.JobLost => "lost",
                _ => "unknown",
            };
            WriteJson(JobDocument.Failure(submitted.JobId, state, message, code));
            throw;
        }

        if (runner.ExistingJob)
        {
            console.Say($"idempotency key '{settings.IdempotencyKey}' had already started job {status.JobId}: followed it, started nothing new");
        }

        if (status.State != JobState.Completed)
        {
            var cancelled = status.State == JobState.Cancelled;
            var code = cancelled ? ExitCodes.Cancelled : ExitCodes.JobFailed;
            if (settings.Json)
            {
                WriteJson(JobDocument.Failure(status.JobId, status.State.ToString().ToLowerInvariant(), status.Error, code));
            }

            throw new CliException(code, $"job {status.JobId} {(cancelled ? "was cancelled" : "failed")}: {status.Error}");
        }

        StartupTimeline.Mark("the job followed to its end");
        var load = await loadWatch.StopAsync(cancellationToken);
        StartupTimeline.Mark("the machine's load read after the job");
        if (settings.Json)
        {
            var document = JobDocument.Build(status);
            document["load"] = LoadDocument.Build(load);
            if (settings.IdempotencyKey is not null)
            {
                document["idempotencyKey"] = settings.IdempotencyKey;
                document["existingJob"] = runner.ExistingJob;
            }

            WriteJson(document);
        }
        else
        {
            ProfileView.Write(console.Out, status, plan, load.Cores, load);
        }

        StartupTimeline.Mark("the result printed");
        if (settings.Verbose || settings.Timeline)
        {
            console.Say("timeline of this command (ms since the process started, +ms of each phase):");
            foreach (var line in StartupTimeline.Describe())
            {
                console.Say(line);
            }
        }

        return ExitCodes.Success;
    }

    private void WriteJson(System.Text.Json.Nodes.JsonNode document) => console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(document));

    /// <summary>
    /// A job predicted to run longer than <see cref="RunPrediction.LongSeconds"/> says so before it starts. On an
    /// interactive terminal it asks first (unless --yes); a script (input or stderr redirected) is told and goes on.
    /// </summary>
    private void ConfirmLongRun(RunPrediction? prediction, string workload, RunSettings settings)
    {
        if (prediction is not { IsLong: true })
        {
            return;
        }

        console.Say(
            $"note: this {workload} job is predicted to take {(prediction.AtLeast ? "at least " : "about ")}{Durations.Short(prediction.Seconds)} " +
            $"(a short probe of its kernel on this machine){(settings.Detach ? string.Empty : "; Ctrl+C stops it")}");
        if (settings.Yes || !console.ErrorIsTerminal || !console.InputIsTerminal)
        {
            return;
        }

        if (!console.Error.Confirm("start it?", defaultValue: false))
        {
            throw new CliException(ExitCodes.Cancelled, $"not started: the {workload} job was predicted to take {Durations.Short(prediction.Seconds)}");
        }
    }

    private void SayRetries(JobRunner runner, JobStatus accepted)
    {
        if (runner.SubmitRetries > 0)
        {
            console.Say($"job {accepted.JobId} accepted after {runner.SubmitRetries + 1} tries under the same id ({runner.LastSubmitFailure} before)");
        }
    }
}
