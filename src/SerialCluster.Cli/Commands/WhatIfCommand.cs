using System.Text.Json.Nodes;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Analysis.Schedule;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster whatif</c>: replays a measured job's tasks on hypothetical machines (N cores, x times faster, or
/// cores of different speeds with --core-speeds) and
/// answers "more cores or faster cores?"; from a sweep, it also checks its predictions against every measured P.
/// </summary>
public sealed class WhatIfCommand(ConsoleStreams console) : AsyncCommand<WhatIfSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, WhatIfSettings settings, CancellationToken cancellationToken)
    {
        WhatIfResult result;
        if (settings.From is { } from)
        {
            var document = JobSource.ReadDocument(from);
            if (JobSource.IsSweep(document))
            {
                var baseline = document["baseline"] as JsonObject
                    ?? throw new CliException(ExitCodes.BadInput, $"--from '{from}' is a sweep document without its \"baseline\" job");
                var job = JobSource.FromRunDocument(baseline, $"--from '{from}' (baseline)");
                var cores = document["cores"]?.GetValue<int>() ?? Environment.ProcessorCount;
                var model = ProfileMapping.Model(job.Profile, 1);
                var checks = (document["points"] as JsonArray ?? [])
                    .Select(p => p!["capacity"] is JsonValue capacity
                        ? WhatIfCheck.OnCapacity(
                            model, p["p"]!.GetValue<int>(), cores, capacity.GetValue<double>(), p["seconds"]!.GetValue<double>(),
                            p["spread"]!.GetValue<double>())
                        : WhatIfCheck.Of(model, p["p"]!.GetValue<int>(), cores, p["seconds"]!.GetValue<double>(), p["spread"]!.GetValue<double>()))
                    .ToList();
                var serial = document["serialBaseline"]?["medianSeconds"] is JsonValue median
                    ? new SerialReference(median.GetValue<double>(), "the sweep's pinned baseline (median)")
                    : null;
                result = WhatIfOutput.Compute(
                    job, $"sweep {from} (its P = 1 job)", 1, settings.ParsedCores, settings.ParsedSpeed, checks, answerCores: cores,
                    coreSpeeds: settings.ParsedCoreSpeeds, serial: serial);
            }
            else
            {
                var job = JobSource.FromRunDocument(document, $"--from '{from}'");
                result = WhatIfOutput.Compute(
                    job, from, Math.Max(1, job.Profile.ParallelismCap), settings.ParsedCores, settings.ParsedSpeed, coreSpeeds: settings.ParsedCoreSpeeds);
            }
        }
        else
        {
            var refusal = $"whatif {settings.JobId} needs the cluster that ran it: --gateway or --redis, or a local cluster (`serialcluster up`); "
                + "after an embedded run use --from with a saved `run --json`";
            await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, refusal, cancellationToken);
            var (job, _) = await JobSource.FetchAsync(connection.Client, settings.JobId!, cancellationToken);
            result = WhatIfOutput.Compute(
                job, connection.Description, Math.Max(1, job.Profile.ParallelismCap), settings.ParsedCores, settings.ParsedSpeed,
                coreSpeeds: settings.ParsedCoreSpeeds);
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(WhatIfOutput.Json(result)));
        }
        else
        {
            WhatIfOutput.Terminal(console.Out, result);
        }

        return ExitCodes.Success;
    }
}
