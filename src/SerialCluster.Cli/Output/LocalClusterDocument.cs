using System.Text.Json.Nodes;
using SerialCluster.Cli.Local;

namespace SerialCluster.Cli.Output;

/// <summary>
/// The local cluster as one JSON document (<c>status --json</c>, <c>up --json</c>): <c>state</c> is <c>running</c>,
/// <c>unresponsive</c>, <c>stale</c> or <c>none</c>, and <c>running</c> is true only for the first.
/// </summary>
public static class LocalClusterDocument
{
    public static JsonObject Build(LocalClusterPaths paths, LocalClusterCheck? check)
    {
        var document = new JsonObject
        {
            ["running"] = check?.Health == LocalClusterHealth.Running,
            ["state"] = StateName(check),
            ["stateFile"] = paths.StateFile,
        };
        if (check is null)
        {
            return document;
        }

        var state = check.State;
        if (check.Health != LocalClusterHealth.Running)
        {
            document["reason"] = check.Reason;
        }

        document["pid"] = state.Pid;
        document["clusterId"] = state.ClusterId;
        document["redis"] = state.Redis;
        document["startedAt"] = state.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        document["uptimeSeconds"] = Math.Round(check.Uptime.TotalSeconds, 1);
        document["silos"] = new JsonArray([.. state.Silos.Select(s => (JsonNode)new JsonObject
        {
            ["name"] = s.Name,
            ["siloPort"] = s.SiloPort,
            ["gatewayPort"] = s.GatewayPort,
            ["gateway"] = $"127.0.0.1:{s.GatewayPort}",
        })]);
        document["metricsUrl"] = state.MetricsUrl;
        document["log"] = state.Log;
        document["version"] = state.Version;
        return document;
    }

    private static string StateName(LocalClusterCheck? check) => check?.Health switch
    {
        null => "none",
        LocalClusterHealth.Running => "running",
        LocalClusterHealth.Unresponsive => "unresponsive",
        _ => "stale",
    };
}
