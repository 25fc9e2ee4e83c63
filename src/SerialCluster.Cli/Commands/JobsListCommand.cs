using System.Text.Json;
using System.Text.Json.Nodes;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary><c>serialcluster jobs list</c>: every job the cluster keeps — id, workload, mode, state, accepted, finished, error.</summary>
public sealed class JobsListCommand(ConsoleStreams console) : AsyncCommand<ClusterSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenRunningAsync(settings, console.Say, cancellationToken);
        var jobs = await connection.Client.GetGrain<IJobRegistryGrain>(IJobRegistryGrain.Key).ListAsync();
        if (settings.Json)
        {
            var list = new JsonArray([.. jobs.Select(j => JsonSerializer.SerializeToNode(j, JobDocument.Options))]);
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(new JsonObject { ["jobs"] = list }));
            return ExitCodes.Success;
        }

        console.Say($"{jobs.Count} job(s) on the {connection.Description}");
        var table = new Table().AddColumns("job", "workload", "mode", "state", "accepted (UTC)", "finished (UTC)", "error");
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

        console.Out.Write(table);
        return ExitCodes.Success;
    }
}
