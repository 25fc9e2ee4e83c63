using System.Net;
using System.Net.Sockets;
using SerialCluster.Cli.Jobs;
using StackExchange.Redis;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// Client errors under faults (issue #19, item 8): storage that does not answer, a gateway too slow to accept the
/// client, a puzzle file with no puzzles. Each is one clear line with its documented exit code.
/// </summary>
public sealed class ClusterFaultErrorTests
{
    public static TheoryData<Exception> StorageFailures() =>
    [
        new OrleansException("grain call failed", new RedisTimeoutException("Timeout performing SET (5000ms)", CommandStatus.Sent)),
        new TypeLoadException("Could not load type 'Orleans.Persistence.RedisStorageException' from assembly 'Orleans.Persistence.Redis'"),
        new InvalidOperationException("outer", new RedisConnectionException(ConnectionFailureType.UnableToConnect, "no connection")),
    ];

    [Theory]
    [MemberData(nameof(StorageFailures))]
    public void AStorageFailureIsOneLineNamingTheStorageWithItsOwnExitCode(Exception failure)
    {
        var (code, message) = CliApplication.Classify(failure, CancellationToken.None);

        Assert.Equal(ExitCodes.ClusterUnavailable, code);
        Assert.StartsWith("the cluster's storage did not answer (", message, StringComparison.Ordinal);
        Assert.Contains("retry", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        Assert.True(ClusterFailures.IsTransient(failure));
    }

    [Fact]
    public void ASiloThatIsGoingAwayIsTransientAndNotAJobFailure()
    {
        var failure = new SiloUnavailableException("The target silo became unavailable for message");

        Assert.True(ClusterFailures.IsTransient(failure));
        Assert.False(ClusterFailures.IsStorage(failure));
        Assert.Equal(ExitCodes.ClusterUnavailable, CliApplication.Classify(failure, CancellationToken.None).Code);
    }

    [Fact]
    public void AnErrorRetryingCannotFixStaysAJobFailure()
    {
        var failure = new InvalidOperationException("the plan has no stages");

        Assert.False(ClusterFailures.IsTransient(failure));
        Assert.Equal(ExitCodes.JobFailed, CliApplication.Classify(failure, CancellationToken.None).Code);
    }

    [Fact]
    public void ARefusalIsNeverRetriedEvenWhenItMentionsStorage() =>
        Assert.False(ClusterFailures.IsTransient(new CliException(ExitCodes.JobFailed, "the cluster refused the job: over the storage provider's limit")));

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    public async Task AConnectTimeoutOutOfRangeIsAUsageError(string seconds)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--redis", "127.0.0.1:1", "--connect-timeout", seconds);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains($"--connect-timeout {seconds} is out of range; allowed: 1 to 3600 seconds", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGatewayThatDoesNotAnswerInTimeNamesTheTimeoutTheMachinesLoadAndTheOption()
    {
        // Accepts connections (the kernel does, from the backlog) but never speaks: a gateway too busy to answer.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var (code, _, wrapped) = await CliHarness.RunAsync(
                "run", "hashchain", "--set", "steps=1", "--gateway", $"127.0.0.1:{port}", "--connect-timeout", "2");
            // The harness wraps stderr at its width; the message itself is one line.
            var stderr = System.Text.RegularExpressions.Regex.Replace(wrapped, @"\s+", " ");

            Assert.Equal(ExitCodes.GatewayUnreachable, code);
            Assert.Contains("the gateway accepted the connection, but nothing answered within 2 s", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("TLS", stderr, StringComparison.Ordinal);
            Assert.Contains($"{Environment.ProcessorCount} cores", stderr, StringComparison.Ordinal);
            Assert.Contains("--connect-timeout", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task APuzzleFileOfBlankLinesIsAnErrorNamingTheParameterAndTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"blank-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, new string('\n', 1_000_000));
        try
        {
            var (code, stdout, stderr) = await CliHarness.RunAsync("run", "sudoku", "--set", $"puzzles=@{path}");

            Assert.Equal(ExitCodes.MalformedParameter, code);
            Assert.Empty(stdout);
            Assert.Equal($"error: {path}: the file's 1,000,000 bytes are all blank; expected a text file (sudoku puzzles=@{path})", stderr.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
