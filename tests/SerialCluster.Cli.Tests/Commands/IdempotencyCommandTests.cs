using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// <c>run --idempotency-key</c> end to end, against a cluster that outlives each CLI run (a real silo reached through
/// its gateway): the second run with the same key follows the first run's job, a run with other parameters is refused.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class IdempotencyCommandTests : IAsyncLifetime
{
    private EmbeddedCluster _cluster = null!;

    private string Gateway => "127.0.0.1:" + _cluster.GatewayPorts[0].ToString(CultureInfo.InvariantCulture);

    public async Task InitializeAsync() => _cluster = await EmbeddedCluster.StartAsync(1, verbose: false, CancellationToken.None);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task TheSameKeyFollowsTheFirstJobAndDifferentParametersAreRefused()
    {
        var key = "ci-" + Guid.NewGuid().ToString("N")[..8];
        var first = await RunAsync(key, "steps=1000");
        var second = await RunAsync(key, "steps=1000");
        Assert.False(first["existingJob"]!.GetValue<bool>());
        Assert.True(second["existingJob"]!.GetValue<bool>());
        Assert.Equal(key, second["idempotencyKey"]!.GetValue<string>());
        Assert.Equal(first["jobId"]!.GetValue<string>(), second["jobId"]!.GetValue<string>());
        Assert.Equal(first["result"]!.ToJsonString(), second["result"]!.ToJsonString());

        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "run", "hashchain", "--set", "steps=2000", "--idempotency-key", key, "--gateway", Gateway, "--cluster-id", EmbeddedCluster.ClusterId, "--json");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains($"idempotency key '{key}' already belongs to job {first["jobId"]}", stderr, StringComparison.Ordinal);
        Assert.Contains("steps: 1000 then 2000", stderr, StringComparison.Ordinal);
    }

    private async Task<JsonObject> RunAsync(string key, string set)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(
            "run", "hashchain", "--set", set, "--idempotency-key", key, "--gateway", Gateway, "--cluster-id", EmbeddedCluster.ClusterId, "--json");
        Assert.True(code == ExitCodes.Success, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }
}
