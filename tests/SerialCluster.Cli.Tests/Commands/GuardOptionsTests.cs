namespace SerialCluster.Cli.Tests.Commands;

/// <summary>The TLS and idempotency options refuse bad values in one line naming the option, before any connection.</summary>
public sealed class GuardOptionsTests
{
    [Theory]
    [InlineData("--tls-cert, --tls-key and --tls-ca are for a running cluster", "run", "hashchain", "--tls-cert", "client.pem")]
    [InlineData(
        "mutual TLS needs --tls-cert, --tls-key and --tls-ca together; missing: --tls-key, --tls-ca",
        "run",
        "hashchain",
        "--gateway",
        "127.0.0.1:1",
        "--tls-cert",
        "client.pem")]
    [InlineData(
        "--tls-cert: no such file: '/no/such/client.pem'",
        "run",
        "hashchain",
        "--gateway",
        "127.0.0.1:1",
        "--tls-cert",
        "/no/such/client.pem",
        "--tls-key",
        "/no/k",
        "--tls-ca",
        "/no/ca")]
    [InlineData("--idempotency-key 'two words' is not a key; allowed: 1 to 128 characters", "run", "hashchain", "--idempotency-key", "two words")]
    public async Task ABadValueIsOneLineNamingTheOption(string expected, params string[] args)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
