using System.Text.Json;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster jobs list</c>: the jobs the cluster keeps — id, workload, mode, state, accepted, finished, error —
/// all of them, or those in the states and of the workloads asked for.
/// </summary>
public sealed class JobsListCommand(ConsoleStreams console) : AsyncCommand<JobsListSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JobsListSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenRunningAsync(settings, console.Say, cancellationToken);
        var all = await connection.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync();
        var jobs = all.Where(settings.Includes).ToList();
        if (settings.Json)
        {
            var list = new JsonArray([.. jobs.Select(j => JsonSerializer.SerializeToNode(j, JobDocument.Options))]);
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(new JsonObject { ["jobs"] = list }));
            return ExitCodes.Success;
        }

        console.Say(jobs.Count == all.Count
            ? $"{jobs.Count} job(s) on the {connection.Description}"
            : $"{jobs.Count} of {all.Count} job(s) on the {connection.Description} (--state, --workload)");
        var table = new TerminalTable()
            .AddColumn("job").AddColumn("workload").AddColumn("mode").AddColumn("state").AddColumn("accepted (UTC)").AddColumn("finished (UTC)")
            .AddColumn("error", prose: true);
        foreach (var job in jobs)
        {
            table.AddRow(
                Markup.Escape(job.JobId),
                Markup.Escape(job.Workload),
                job.Mode.ToString().ToLowerInvariant(),
                job.State.ToString().ToLowerInvariant(),
                job.SubmittedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                job.FinishedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(job.Error ?? ""));
        }

        table.Write(console.Out);
        return ExitCodes.Success;
    }
}
