using System.Diagnostics;
using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Contrast;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster contrast</c>: the paper's paired controls side by side (<see cref="ContrastCatalog"/>), each pair sized
/// to the same single-core time, every side pinned and scattered, speedups absolute; then span against size (docs/PAPER.md).
/// </summary>
public sealed class ContrastCommand(ConsoleStreams console, Invocation invocation) : AsyncCommand<ContrastSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ContrastSettings settings, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, cancellationToken);
        // On a cluster of equal slow silos (CPU quotas) P counts silos: up to their number it is real, not saturation.
        var unit = await ClusterCores.UnitAsync(connection.Client, cancellationToken);
        var cores = unit.Count;
        var ps = settings.ParsedParallelism ?? [.. Enumerable.Range(1, Math.Max(2, cores))];
        var pairs = settings.ChosenPairs(cores);
        var series = settings.SpanOn ? ContrastCatalog.SpanSeries.Where(s => pairs.Any(p => p.Id == s.PairId)).ToList() : [];
        console.Say(
            $"contrast: {pairs.Count} pair(s) ({string.Join(", ", pairs.Select(p => p.Id))}), each sized to ≈ {settings.Seconds:F1} s on " +
            $"{(unit.IsSilo ? "one slow silo" : "one core")}, pinned " +
            $"and scattered at P = {string.Join(", ", ps)}, {settings.Repeat} round(s), on the {connection.Description} ({cores} {unit.Noun})");
        var loadWatch = await LoadWatch.StartAsync(connection.Client, console, cancellationToken);
        var runner = new ContrastRunner(new JobRunner(connection.Client), console.Say, ps, settings.Repeat);
        var (measured, spans) = await runner.RunAsync(pairs, settings.Seconds, series, cancellationToken);
        var load = await loadWatch.StopAsync(cancellationToken);
        var result = new ContrastResult(
            settings.Seconds, connection.Description, cores, unit.IsSilo ? unit.Count : Environment.ProcessorCount, ps, settings.Repeat, measured, spans,
            stopwatch.Elapsed.TotalSeconds, unit);

        if (settings.Markdown is { } markdown)
        {
            OutputPath.Write(markdown, "--markdown", ContrastOutput.Markdown(result));
            console.Say($"wrote {markdown}");
        }

        if (settings.Html is { } html)
        {
            ContrastOutput.Html(result).WithProvenance(Provenance.Of(invocation, cores, load)).Save(html, "--html");
            console.Say($"wrote {html}");
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(ContrastOutput.Json(result)));
        }
        else
        {
            ContrastOutput.Terminal(console.Out, result);
        }

        return ExitCodes.Success;
    }
}
