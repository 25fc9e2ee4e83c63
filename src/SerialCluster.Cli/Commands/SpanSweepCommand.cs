using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster sweep --size</c>: connects, runs <see cref="SpanSweepRunner"/> with the load measured around it, and
/// writes the span-against-size results (terminal or JSON; CSV and HTML when asked).
/// </summary>
public sealed class SpanSweepCommand(ConsoleStreams console, Invocation invocation)
{
    public async Task<int> RunAsync(Workload workload, Dictionary<string, string> raw, SweepSettings settings, CancellationToken cancellationToken)
    {
        // Every size compiles before any cluster starts: a bad size is refused like any bad parameter.
        SpanSweepRunner.Plans(workload, raw, settings.ParsedSizes);
        await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, cancellationToken);
        var cores = await ClusterCores.CountAsync(connection.Client, cancellationToken);
        var loadWatch = await LoadWatch.StartAsync(connection.Client, console, cancellationToken);
        var sweep = await SpanSweepRunner.RunAsync(
            new JobRunner(connection.Client), workload, raw, settings, connection.Description, cores, console.Say, cancellationToken);
        var spanLoad = await loadWatch.StopAsync(cancellationToken);
        if (settings.Csv is { } csv)
        {
            OutputPath.Write(csv, "--csv", SpanSweepOutput.Csv(sweep));
            console.Say($"wrote {csv}");
        }

        if (settings.Html is { } html)
        {
            SpanSweepOutput.Html(sweep).WithProvenance(Provenance.Of(invocation, cores, spanLoad)).Save(html, "--html");
            console.Say($"wrote {html}");
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(SpanSweepOutput.Json(sweep)));
        }
        else
        {
            SpanSweepOutput.Terminal(console.Out, sweep);
        }

        return ExitCodes.Success;
    }

}
