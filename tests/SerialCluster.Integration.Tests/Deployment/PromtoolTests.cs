namespace SerialCluster.Integration.Tests.Deployment;

/// <summary>Prometheus' own checker accepts the compose cluster's config and rules, and the rules' unit tests pass.</summary>
public sealed class PromtoolTests
{
    [SkippableFact]
    public async Task PromtoolAcceptsTheConfigAndItsRules()
    {
        var promtool = Tool.Require("promtool", Tool.PromtoolMissing);
        var (exitCode, output) = await Tool.RunAsync(
            promtool, ["check", "config", "prometheus.yml"], TimeSpan.FromSeconds(60), Repository.File("deploy/prometheus"));
        Assert.True(exitCode == 0, $"promtool check config: {output}");
        Assert.Contains("rules/serialcluster.yml", output, StringComparison.Ordinal);

        (exitCode, output) = await Tool.RunAsync(
            promtool,
            ["check", "rules", "rules/serialcluster.yml"],
            TimeSpan.FromSeconds(60),
            Repository.File("deploy/prometheus"));
        Assert.True(exitCode == 0, $"promtool check rules: {output}");
    }

    [SkippableFact]
    public async Task TheRecordingRulesPassTheirUnitTests()
    {
        var promtool = Tool.Require("promtool", Tool.PromtoolMissing);
        var (exitCode, output) = await Tool.RunAsync(
            promtool,
            ["test", "rules", "tests/serialcluster-rules.test.yml"],
            TimeSpan.FromSeconds(60),
            Repository.File("deploy/prometheus"));
        Assert.True(exitCode == 0, $"promtool test rules: {output}");
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }
}
