using System.Text.Json.Nodes;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// The dashboards against Grafana's own definitions (@grafana/schema at the compose file's Grafana version, run by
/// tests/dashboards-check/typecheck.mjs): every panel's options and field config typed by its plugin, every target
/// as Grafana's Prometheus query. Lint (DashboardTests) checks the house rules; this checks what Grafana accepts.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DashboardSchemaTests
{
    [SkippableFact]
    public async Task EveryDashboardTypeChecksAgainstGrafanasOwnSchema()
    {
        var (exitCode, output) = await DashboardCheck.TypeCheckAsync(Repository.File(Dashboard.Folder));
        Assert.True(exitCode == 0, $"typecheck.mjs exited {exitCode}:\n{output}");
        Assert.Contains("0 findings", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task FieldsGrafanaWouldRejectFailTheTypeCheckNamingPanelAndPath()
    {
        var directory = Directory.CreateTempSubdirectory("serialcluster-dashboards-broken-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Repository.File(Dashboard.Folder), "*.json"))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }

            var path = Path.Combine(directory, "serialcluster-overview.json");
            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            var panels = root["panels"]!.AsArray().Select(p => p!.AsObject()).ToList();
            JsonObject First(string type) => panels.First(p => (string?)p["type"] == type);

            // An option the stat panel does not have, an enum value Grafana does not define, a value of the wrong
            // type in a Prometheus target, and a dashboard-level field out of its enum.
            First("stat")["options"]!["colourMode"] = "value";
            First("timeseries")["fieldConfig"]!["defaults"]!["custom"]!["drawStyle"] = "lines";
            First("bargauge")["options"]!["displayMode"] = "fancy";
            First("heatmap")["targets"]![0]!["legendFormat"] = 5;
            root["graphTooltip"] = 3;
            File.WriteAllText(path, root.ToJsonString());

            var (exitCode, output) = await DashboardCheck.TypeCheckAsync(directory);
            Assert.True(exitCode == 1, $"typecheck.mjs exited {exitCode} on a broken dashboard:\n{output}");
            string[] expected =
            [
                $"panel '{First("stat")["title"]}' (id {First("stat")["id"]}, stat): options.colourMode",
                $"panel '{First("timeseries")["title"]}' (id {First("timeseries")["id"]}, timeseries): fieldConfig.defaults.custom.drawStyle",
                $"panel '{First("bargauge")["title"]}' (id {First("bargauge")["id"]}, bargauge): options.displayMode",
                $"panel '{First("heatmap")["title"]}' (id {First("heatmap")["id"]}, heatmap): targets[0].legendFormat",
                "dashboard: graphTooltip",
            ];
            foreach (var finding in expected)
            {
                Assert.True(output.Contains($"serialcluster-overview.json: {finding}", StringComparison.Ordinal), $"no finding `{finding}` in:\n{output}");
            }

            Assert.DoesNotContain("serialcluster-orleans.json", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
