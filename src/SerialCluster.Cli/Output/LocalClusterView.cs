using System.Globalization;
using SerialCluster.Cli.Local;
using Spectre.Console;

namespace SerialCluster.Cli.Output;

/// <summary>The local cluster in a few lines (<c>status</c>, <c>up</c>): what runs, where, since when, and where its log is.</summary>
public static class LocalClusterView
{
    public static void Write(IAnsiConsole console, LocalClusterPaths paths, LocalClusterCheck? check)
    {
        var writer = console.Profile.Out.Writer;
        if (check is null)
        {
            writer.WriteLine("no local cluster is running (`serialcluster up` starts one)");
            return;
        }

        var state = check.State;
        var since = state.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        writer.WriteLine(check.Health switch
        {
            LocalClusterHealth.Running =>
                $"local cluster '{state.ClusterId}': running, pid {state.Pid}, up {Durations.Short(check.Uptime.TotalSeconds)} (since {since} UTC)",
            LocalClusterHealth.Unresponsive => $"local cluster '{state.ClusterId}': not answering: {check.Reason}; `serialcluster down` stops it",
            _ => $"no local cluster is running: the state file is stale ({check.Reason}); `serialcluster down` removes it, `up` replaces it",
        });
        if (check.Health == LocalClusterHealth.Gone)
        {
            return;
        }

        writer.WriteLine($"jobs: {state.Storage}");
        foreach (var silo in state.Silos)
        {
            writer.WriteLine($"{silo.Name}: gateway 127.0.0.1:{silo.GatewayPort}, silo port {silo.SiloPort}");
        }

        if (state.MetricsUrl is { } metrics)
        {
            writer.WriteLine($"metrics: {metrics}");
        }

        writer.WriteLine($"log: {state.Log}");
        writer.WriteLine($"state: {paths.StateFile}");
    }
}
