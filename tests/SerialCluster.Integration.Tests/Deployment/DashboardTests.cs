using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>The dashboards' JSON: well formed, stable and unique ids, the provisioned datasource through a variable, a unit everywhere, $__rate_interval in
/// every rate.</summary>
public sealed partial class DashboardTests
{
    private readonly IReadOnlyList<Dashboard> _dashboards = Dashboard.LoadAll();

    [Fact]
    public void TheTwoDashboardsAreThereWithUniqueUidsNamedLikeTheirFiles()
    {
        Assert.Equal(["serialcluster-orleans.json", "serialcluster-overview.json"], _dashboards.Select(d => d.File));
        Assert.Equal(_dashboards.Count, _dashboards.Select(d => d.Uid).Distinct(StringComparer.Ordinal).Count());
        foreach (var dashboard in _dashboards)
        {
            Assert.Equal(dashboard.Uid + ".json", dashboard.File);
            Assert.Matches(Uid(), dashboard.Uid);
        }
    }

    [Fact]
    public void PanelIdsAreUniqueAndPanelsDoNotOverlap()
    {
        foreach (var dashboard in _dashboards)
        {
            var ids = dashboard.Panels.Select(p => p.GetProperty("id").GetInt32()).ToList();
            Assert.True(ids.Count == ids.Distinct().Count(), $"{dashboard.File}: duplicate panel ids");
            var cells = new HashSet<(int X, int Y)>();
            foreach (var panel in dashboard.Panels)
            {
                var grid = panel.GetProperty("gridPos");
                var (x, y, w, h) = (
                    grid.GetProperty("x").GetInt32(), grid.GetProperty("y").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
                Assert.True(x >= 0 && x + w <= 24, $"{dashboard.File}: panel {panel.GetProperty("id")} is wider than the grid");
                for (var i = x; i < x + w; i++)
                {
                    for (var j = y; j < y + h; j++)
                    {
                        Assert.True(cells.Add((i, j)), $"{dashboard.File}: panel {panel.GetProperty("id")} overlaps another at ({i}, {j})");
                    }
                }
            }
        }
    }

    [Fact]
    public void EveryPanelAndQueryUsesTheDatasourceVariableWhoseDefaultIsTheProvisionedPrometheus()
    {
        var provisioning = ComposeFile.LoadYaml(Repository.File("deploy/grafana/provisioning/datasources/serialcluster.yml"));
        var prometheus = ((YamlSequenceNode)provisioning["datasources"]).Children.Cast<YamlMappingNode>().Single(
            d => ComposeFile.Scalar(d, "type") == "prometheus");
        var uid = ComposeFile.Scalar(prometheus, "uid");
        foreach (var dashboard in _dashboards)
        {
            var variable = dashboard.Variables.Single(v => v.GetProperty("name").GetString() == "datasource");
            Assert.Equal("datasource", variable.GetProperty("type").GetString());
            Assert.Equal("prometheus", variable.GetProperty("query").GetString());
            Assert.Equal(uid, variable.GetProperty("current").GetProperty("value").GetString());
            foreach (var panel in dashboard.Panels.Where(p => p.GetProperty("type").GetString() != "row"))
            {
                Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    Assert.Equal("${datasource}", target.GetProperty("datasource").GetProperty("uid").GetString());
                }
            }

            foreach (var query in dashboard.Variables.Where(v => v.GetProperty("type").GetString() == "query"))
            {
                Assert.Equal("${datasource}", query.GetProperty("datasource").GetProperty("uid").GetString());
            }
        }
    }

    [Fact]
    public void EveryPanelHasAUnitATitleAndAtLeastOneQuery()
    {
        foreach (var dashboard in _dashboards)
        {
            foreach (var panel in dashboard.Panels.Where(p => p.GetProperty("type").GetString() != "row"))
            {
                var title = panel.GetProperty("title").GetString();
                Assert.False(string.IsNullOrWhiteSpace(title), $"{dashboard.File}: panel {panel.GetProperty("id")} has no title");
                var unit = panel.GetProperty("fieldConfig").GetProperty("defaults").TryGetProperty("unit", out var u) ? u.GetString() : null;
                Assert.False(string.IsNullOrWhiteSpace(unit), $"{dashboard.File}: panel '{title}' has no unit");
                Assert.True(panel.GetProperty("targets").GetArrayLength() > 0, $"{dashboard.File}: panel '{title}' has no query");
            }
        }
    }

    [Fact]
    public void EveryRateUsesRateInterval()
    {
        foreach (var dashboard in _dashboards)
        {
            foreach (var (panel, expr) in dashboard.Queries)
            {
                foreach (Match call in RangeFunction().Matches(expr))
                {
                    Assert.True(call.Groups["range"].Value == "$__rate_interval", $"{panel}: {call.Value} in `{expr}` must use [$__rate_interval]");
                }

                Assert.DoesNotContain("$__interval", expr, StringComparison.Ordinal);
                var leftover = Variable().Matches(dashboard.Expand(expr, "1m")).Select(m => m.Value).ToList();
                Assert.True(leftover.Count == 0, $"{panel}: `{expr}` uses undefined variables {string.Join(", ", leftover)}");
            }
        }
    }

    [Fact]
    public void TheOverviewHasItsRowsInOrderAndTheHeadlineStats()
    {
        var overview = _dashboards.Single(d => d.Uid == "serialcluster-overview");
        var rows = overview.Panels.Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Headline", "Cluster", "Parallel throughput", "Serial latency", "Amdahl (last job per workload)"], rows);
        var headline = overview.Panels.Where(
            p => p.GetProperty("gridPos").GetProperty("y").GetInt32() == 1).Select(p => p.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Silos up", "Jobs running", "Tasks/s", "Effective parallelism", "Busy cores", "Cores available"], headline);
        Assert.Contains(
            overview.Panels,
            p => p.GetProperty("type").GetString() == "heatmap" && p.GetProperty("title").GetString()!.Contains("Hop", StringComparison.Ordinal));
        Assert.Contains(
            overview.Panels,
            p => p.GetProperty("type").GetString() == "heatmap" && p.GetProperty("title").GetString()!.Contains("Chain batch", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryBarGaugeAndGaugeScalesFromAMin()
    {
        // Without min, Grafana scales bars from the lowest series to the highest: the lowest draws empty, equal ones all do.
        foreach (var dashboard in _dashboards)
        {
            foreach (var panel in dashboard.Panels.Where(p => p.GetProperty("type").GetString() is "bargauge" or "gauge"))
            {
                Assert.True(
                    panel.GetProperty("fieldConfig").GetProperty("defaults").TryGetProperty("min", out var min) && min.ValueKind == JsonValueKind.Number,
                    $"{dashboard.File}: bar gauge '{panel.GetProperty("title").GetString()}' has no fieldConfig.defaults.min");
            }
        }
    }

    [Fact]
    public void HeatmapCellsHaveTheirOwnUnitNotTheBuckets()
    {
        // A heatmap prints a cell with options.cellValues.unit, else the field's unit; the y axis has the buckets' unit.
        foreach (var dashboard in _dashboards)
        {
            foreach (var panel in dashboard.Panels.Where(p => p.GetProperty("type").GetString() == "heatmap"))
            {
                var title = panel.GetProperty("title").GetString();
                var options = panel.GetProperty("options");
                var cell = options.GetProperty("cellValues").TryGetProperty("unit", out var u) ? u.GetString() : null;
                Assert.False(string.IsNullOrEmpty(cell), $"{dashboard.File}: heatmap '{title}' has no options.cellValues.unit");
                Assert.NotEqual(options.GetProperty("yAxis").GetProperty("unit").GetString(), cell);
                Assert.Equal(cell, panel.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("unit").GetString());
            }
        }
    }

    [SkippableFact]
    public async Task TheCommittedJsonIsWhatTheGeneratorWrites()
    {
        // dashboards/*.json are written by deploy/grafana/dashboards.py: a hand edit of the JSON would be lost at the next run.
        var python = Tool.Require("python3", "python3 not found: apt-get install -y python3");
        var directory = Directory.CreateTempSubdirectory("serialcluster-dashboards-").FullName;
        try
        {
            var (exitCode, output) = await Tool.RunAsync(python, [Repository.File("deploy/grafana/dashboards.py"), directory], TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, $"dashboards.py exited {exitCode}: {output}");
            var written = Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(_dashboards.Select(d => d.File), written);
            foreach (var dashboard in _dashboards)
            {
                Assert.True(
                    File.ReadAllText(Path.Combine(directory, dashboard.File)) == File.ReadAllText(Repository.File($"{Dashboard.Folder}/{dashboard.File}")),
                    $"{Dashboard.Folder}/{dashboard.File} differs from what deploy/grafana/dashboards.py writes: edit the script and run it");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"\b(?:rate|irate|increase|delta|idelta|deriv)\((?:[^()\[\]]|\([^()]*\))*\[(?<range>[^\]]*)\]")]
    private static partial Regex RangeFunction();

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")]
    private static partial Regex Variable();

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex Uid();
}
