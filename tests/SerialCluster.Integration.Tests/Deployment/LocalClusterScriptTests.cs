using System.Text.Json;
using SerialCluster.Integration.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>
/// deploy/local-cluster.sh, the compose topology without Docker: its Prometheus config is the compose one with DNS
/// discovery turned into a targets file that labels each silo with its compose service. (Its `up` builds and starts
/// real processes; the multi-process tests start the same topology themselves.)
/// </summary>
public sealed class LocalClusterScriptTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("serialcluster-local-cluster-").FullName;

    [SkippableFact]
    public async Task TheComposeTopologysPrometheusConfigIsTheComposeOneWithLocalTargets()
    {
        var bash = Tool.Require("bash", "bash not found: apt-get install -y bash");
        var (exitCode, output) = await Tool.RunAsync(
            "env",
            [
                "TOPOLOGY=compose", "CPUS=", $"STATE_DIR={_state}", "METRICS_PORT_BASE=19400", "PROMETHEUS_PORT=19090", bash,
                Repository.File("deploy/local-cluster.sh"), "prometheus-config",
            ],
            TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"local-cluster.sh prometheus-config exited {exitCode}: {output}");
        var config = Path.Combine(_state, "prometheus.yml");
        Assert.Equal(config, output.Trim());

        var local = ComposeFile.LoadYaml(config);
        var compose = ComposeFile.LoadYaml(Repository.File(PrometheusConfig.RelativePath));
        Assert.Equal(
            ComposeFile.Scalar((YamlMappingNode)compose["global"], "scrape_interval"),
            ComposeFile.Scalar((YamlMappingNode)local["global"], "scrape_interval"));
        var job = ((YamlSequenceNode)local["scrape_configs"]).Children.Cast<YamlMappingNode>().Single(
            j => ComposeFile.Scalar(j, "job_name") == PrometheusConfig.SiloJob);
        Assert.Null(ComposeFile.Child(job, "dns_sd_configs"));
        Assert.Equal("service", ComposeFile.Scalar((YamlMappingNode)((YamlSequenceNode)job["relabel_configs"]).Children.Single(), "target_label"));

        using var targets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "silo-targets.json")));
        var groups = targets.RootElement.EnumerateArray().ToDictionary(
            g => g.GetProperty("labels").GetProperty("__meta_dns_name").GetString()!,
            g => g.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToArray(),
            StringComparer.Ordinal);
        Assert.Equal(["127.0.0.1:19400"], groups["silo-serial"]);
        Assert.Equal(["127.0.0.1:19401", "127.0.0.1:19402"], groups["silo"]);

        if (Requirements.Program("promtool") is { } promtool)
        {
            (exitCode, output) = await Tool.RunAsync(promtool, ["check", "config", config], TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, $"promtool check config {config}: {output}");
            Assert.Contains("SUCCESS: 1 rule files found", output, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task ABadSettingStopsTheScriptNamingIt()
    {
        var bash = Tool.Require("bash", "bash not found: apt-get install -y bash");
        var (exitCode, output) = await Tool.RunAsync(
            "env", [$"STATE_DIR={_state}", "TOPOLOGY=swarm", bash, Repository.File("deploy/local-cluster.sh"), "prometheus-config"], TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, exitCode);
        Assert.Contains("TOPOLOGY=swarm is not known; allowed: compose", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Jobs survive `down` and `up` only if Redis keeps what it acknowledged: the script runs it with the compose file's
    /// append-only persistence (RestartTests R9 checks the behaviour on real processes).
    /// </summary>
    [Fact]
    public void TheScriptsRedisKeepsAnAppendOnlyFileAsTheComposeOneDoes()
    {
        var script = Repository.ReadText("deploy/local-cluster.sh");
        var redisLine = script.Split('\n').Single(l => l.TrimStart().StartsWith("redis-server --bind", StringComparison.Ordinal));
        Assert.Contains("--appendonly yes", redisLine, StringComparison.Ordinal);
        Assert.Contains("--appendfsync everysec", redisLine, StringComparison.Ordinal);
        Assert.DoesNotContain("--appendonly no", script, StringComparison.Ordinal);
        var compose = ComposeFile.Strings(ComposeFile.Load().Service("redis"), "command");
        Assert.Equal("yes", compose[compose.ToList().IndexOf("--appendonly") + 1]);
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
