using SerialCluster.Cli.Local;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster status</c>: whether the local cluster <c>up</c> started runs, its silos, process, ports, uptime and
/// log. Reads the state file and checks the process and its gateways; it connects no client, so it answers at once.
/// </summary>
public sealed class StatusCommand(ConsoleStreams console) : AsyncCommand<StatusSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        var paths = LocalClusterPaths.FromEnvironment();
        var check = await LocalClusterDiscovery.InspectAsync(paths, console.Say, cancellationToken);
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(LocalClusterDocument.Build(paths, check)));
        }
        else
        {
            LocalClusterView.Write(console.Out, paths, check);
        }

        return ExitCodes.Success;
    }
}
