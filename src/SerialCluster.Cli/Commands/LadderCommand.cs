using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Ladder;
using SerialCluster.Cli.Output;
using SerialCluster.Cli.Reports;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster ladder</c>: the latency ladder — one serial chain whose state is forced across a boundary every k
/// steps (staying in the thread, a grain on the same silo, a grain on another silo, the job storage), steps/s against
/// k per boundary beside the machine's floors. A serial chain's throughput is bounded by each step's dependency
/// latency: shorter paths and a faster core help it, more cores do not.
/// </summary>
public sealed class LadderCommand(ConsoleStreams console) : AsyncCommand<LadderSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LadderSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, cancellationToken);
        // The rungs' far sides are placed on named silos: wait until every silo has calibrated and probed its peers,
        // so each is placeable and the first rung does not pay the cluster's start-up.
        await ClusterSurvey.WaitAsync(connection.Client, TimeSpan.FromSeconds(30), console.Say, cancellationToken);
        var result = await LadderRunner.RunAsync(
            connection.Client, connection.Description, settings.ParsedKs, settings.RungSeconds, settings.Quick ? 50 : 2000, console.Say,
            cancellationToken);
        var markdown = LadderTable.ToMarkdown(result);
        if (settings.Report is { } report)
        {
            OutputPath.Write(report, "--report", markdown);
        }

        if (settings.Plot is { } plot)
        {
            try
            {
                await File.WriteAllBytesAsync(plot, LadderChart.Render(result), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.BadInput, $"--plot '{plot}' cannot be written: {e.Message}", e);
            }
        }

        if (settings.Json)
        {
            await console.Out.Profile.Out.Writer.WriteLineAsync(JobDocument.Serialize(LadderDocument.Build(result)));
        }
        else
        {
            await console.Out.Profile.Out.Writer.WriteAsync(markdown);
        }

        return result.AllIdentical ? ExitCodes.Success : ExitCodes.JobFailed;
    }
}
