using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster report &lt;jobId&gt;</c> or <c>report --from run.json</c>: one job's timeline (which silo ran what,
/// when), critical path, parallelism over time, and the verdict with its numbers.
/// </summary>
public sealed class ReportCommand(ConsoleStreams console, Invocation invocation) : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        MeasuredJob job;
        var cores = Environment.ProcessorCount;
        if (settings.From is { } from)
        {
            var document = JobSource.ReadDocument(from);
            if (JobSource.IsSweep(document))
            {
                throw new CliException(
                    ExitCodes.BadInput,
                    $"--from '{from}' is a sweep document; report reads one job (`run --json`); a sweep's P = 1 job is its \"baseline\"");
            }

            job = JobSource.FromRunDocument(document, $"--from '{from}'") with { Load = LoadDocument.Read(document["load"]) };
        }
        else
        {
            // A job lives on the cluster that ran it: --gateway/--redis, or the local cluster `up` started; never a new embedded one.
            var refusal = $"report {settings.JobId} needs the cluster that ran it: --gateway or --redis, or a local cluster (`serialcluster up`); "
                + "an embedded cluster starts empty. After an embedded run, save `run --json > run.json` and use `report --from run.json`";
            await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, refusal, cancellationToken);
            (job, _) = await JobSource.FetchAsync(connection.Client, settings.JobId!, cancellationToken);
            cores = await ClusterCores.CountAsync(connection.Client, cancellationToken);
        }

        var timeline = ReportOutput.Analyze(job);
        if (settings.Html is { } html)
        {
            ReportOutput.Html(job, timeline).WithProvenance(Provenance.Of(invocation, cores, job.Load, "recorded with the run")).Save(html, "--html");
            console.Say($"wrote {html}");
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(ReportOutput.Json(job, timeline)));
        }
        else
        {
            ReportOutput.Terminal(console.Out, job, timeline);
        }

        return ExitCodes.Success;
    }
}
