using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster cluster</c>: every silo — address, name, role, cores, calibrated scores, CPU, running work —
/// and the hop-latency matrix. Waits (up to <c>--wait</c>) for silos that have not finished their first
/// calibration, so a freshly started embedded cluster shows measured figures, not blanks.
/// </summary>
public sealed class ClusterCommand(ConsoleStreams console) : AsyncCommand<ClusterCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterCommandSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await ClusterConnection.OpenAsync(settings, console.Say, cancellationToken);
        var survey = await ClusterSurvey.WaitAsync(connection.Client, TimeSpan.FromSeconds(settings.Wait), console.Say, cancellationToken);
        if (survey.Uncalibrated.Count > 0)
        {
            console.Say($"not calibrated yet after {settings.Wait} s: {string.Join(", ", survey.Uncalibrated)}; their figures are missing");
        }
        else if (survey.HasNoHops)
        {
            console.Say("no silo has measured hop latencies (HopProbeInterval = 0?)");
        }
        else if (!survey.IsComplete)
        {
            console.Say($"hop latencies still missing after {settings.Wait} s from: {string.Join(", ", survey.MissingHops)}");
        }

        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(ClusterDocument.Build(survey)));
        }
        else
        {
            console.Say($"{survey.Silos.Count} silo(s) on the {connection.Description}");
            ClusterTable.Write(console.Out, survey);
        }

        return ExitCodes.Success;
    }
}
