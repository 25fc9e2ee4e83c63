using SerialCluster.Cli.Forwarding;

namespace SerialCluster.Cli.Tests.Forwarding;

/// <summary>Which commands go to the command server: only those whose every argument means the same in its process.</summary>
public sealed class ForwardingRulesTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    [Theory]
    [InlineData("run hashchain --set steps=1000 --json")]
    [InlineData("run montecarlo -s samples=1e6 -m scatter -p 2 --timeline --verbose")]
    [InlineData("run hashchain --set=steps=10 --detach --yes --deadline 30 --idempotency-key k1")]
    [InlineData("jobs")]
    [InlineData("jobs list --state running --workload eca")]
    [InlineData("jobs show j-0123456789ab --json")]
    [InlineData("jobs wait j-0123456789ab")]
    [InlineData("cancel j-0123456789ab")]
    [InlineData("cluster --wait 5 --json")]
    public void CommandsThatNameNoFileAndNoClusterAreForwarded(string command) =>
        Assert.True(ForwardingRules.Eligible(command.Split(' '), NoVariables), command);

    [Theory]
    [InlineData("")]
    [InlineData("demo")]
    [InlineData("up")]
    [InlineData("status")]
    [InlineData("sweep montecarlo --parallelism 1,2")]
    [InlineData("report j-0123456789ab")]
    [InlineData("run sudoku --set puzzles=@puzzles.txt")]
    [InlineData("run cvp --set circuit=@c17.bench --json")]
    [InlineData("run hashchain --embedded")]
    [InlineData("run hashchain --silos 1")]
    [InlineData("run hashchain --gateway 127.0.0.1:30000")]
    [InlineData("run hashchain --redis=127.0.0.1:6379")]
    [InlineData("run hashchain --tls-ca ca.pem")]
    [InlineData("run hashchain --help")]
    [InlineData("jobs --help")]
    [InlineData("jobs frobnicate")]
    [InlineData("run hashchain --deadline -5")]
    public void CommandsThatNameAFileAClusterOrHelpRunInTheirOwnProcess(string command) =>
        Assert.False(ForwardingRules.Eligible(command.Length == 0 ? [] : command.Split(' '), NoVariables), command);

    [Theory]
    [InlineData("SERIALCLUSTER_FORWARD", "off")]
    [InlineData("SERIALCLUSTER_FORWARD", "OFF")]
    [InlineData("SERIALCLUSTER_GATEWAY", "127.0.0.1:30000")]
    [InlineData("SERIALCLUSTER_REDIS", "127.0.0.1:6379")]
    [InlineData("SERIALCLUSTER_CLUSTER_ID", "lab")]
    [InlineData("SERIALCLUSTER_TLS_CERT", "client.pem")]
    public void AVariableThatTurnsItOffOrNamesAnotherClusterKeepsTheCommandHere(string variable, string value) =>
        Assert.False(ForwardingRules.Eligible(["run", "hashchain"], name => name == variable ? value : null));

    [Fact]
    public void AnEmptyVariableChangesNothing() =>
        Assert.True(ForwardingRules.Eligible(["run", "hashchain"], name => name == "SERIALCLUSTER_GATEWAY" ? " " : null));
}
