namespace SerialCluster.Cli.Tests.Commands;

/// <summary>Every class of bad input: one clear line on stderr, nothing on stdout, its own exit code, no stack trace.</summary>
public sealed class ErrorClassTests
{
    [Theory]
    [InlineData(ExitCodes.UnknownWorkload, "unknown workload 'nosuch'; available: hashchain, montecarlo", "run", "nosuch")]
    [InlineData(ExitCodes.UnknownParameter, "hashchain has no parameter 'stepz'; its parameters are: seed, steps", "run", "hashchain", "--set", "stepz=3")]
    [InlineData(
        ExitCodes.MalformedParameter,
        "hashchain: parameter 'steps' = 'many' is not valid; expected an integer from 1 to",
        "run",
        "hashchain",
        "--set",
        "steps=many")]
    [InlineData(
        ExitCodes.MalformedParameter,
        "hashchain: parameter 'seed' = 'xyz' is not valid; expected 0 to 4096 bytes as hexadecimal digits",
        "run",
        "hashchain",
        "--set",
        "seed=xyz")]
    [InlineData(
        ExitCodes.ParameterOutOfRange,
        "hashchain: parameter 'steps' = '0' is out of range; allowed: an integer from 1 to 1,000,000,000,000",
        "run",
        "hashchain",
        "--set",
        "steps=0")]
    [InlineData(
        ExitCodes.ParameterOutOfRange,
        "montecarlo: parameter 'tasks' = '10' is out of range; allowed: at most samples (5)",
        "run",
        "montecarlo",
        "--set",
        "samples=5",
        "--set",
        "tasks=10")]
    [InlineData(ExitCodes.Usage, "--set 'steps' is not NAME=VALUE", "run", "hashchain", "--set", "steps")]
    [InlineData(ExitCodes.Usage, "--set steps is given twice", "run", "hashchain", "--set", "steps=1", "--set", "steps=2")]
    [InlineData(ExitCodes.Usage, "--mode 'fast' is not a mode; allowed: pinned, scatter, auto", "run", "hashchain", "--mode", "fast")]
    [InlineData(ExitCodes.Usage, "--parallelism -2 is out of range", "run", "hashchain", "--parallelism", "-2")]
    [InlineData(ExitCodes.Usage, "--silos 0 is out of range; allowed: 1 to 16", "run", "hashchain", "--silos", "0")]
    [InlineData(ExitCodes.Usage, "--gateway 'nowhere' is not HOST:PORT", "run", "hashchain", "--gateway", "nowhere")]
    [InlineData(ExitCodes.Usage, "--redis ',,,' is not HOST:PORT", "run", "hashchain", "--redis", ",,,")]
    [InlineData(
        ExitCodes.Usage,
        "--gateway and --redis are two ways to reach a cluster; give one",
        "run",
        "hashchain",
        "--gateway",
        "127.0.0.1:30000",
        "--redis",
        "127.0.0.1:6379")]
    [InlineData(ExitCodes.Usage, "Unknown option 'bogus'", "run", "hashchain", "--bogus")]
    [InlineData(ExitCodes.Usage, "--parallelism 'abc' is not an integer", "run", "hashchain", "--parallelism", "abc")]
    [InlineData(ExitCodes.Usage, "-p needs a value, <LIST> or <P>; `serialcluster run --help` describes it", "run", "hashchain", "-p")]
    [InlineData(ExitCodes.Usage, "--mode needs a value, <MODE>", "run", "hashchain", "--mode", "--json")]
    [InlineData(ExitCodes.Usage, "--from needs a value, <FILE>; `serialcluster report --help` describes it", "report", "--from")]
    [InlineData(ExitCodes.Usage, "--idempotency-key needs a value", "run", "hashchain", "--idempotency-key")]
    [InlineData(ExitCodes.Usage, "--deadline 'soon' is not a number", "run", "hashchain", "--deadline=soon")]
    [InlineData(ExitCodes.Usage, "--silos 'two' is not an integer", "demo", "--silos", "two")]
    [InlineData(ExitCodes.Usage, "--repeat 'x' is not an integer", "sweep", "hashchain", "--repeat", "x")]
    [InlineData(ExitCodes.Usage, "`jobs` needs a subcommand", "jobs")]
    [InlineData(ExitCodes.Usage, "`jobs` needs a subcommand", "jobs", "--silos", "1")]
    [InlineData(
        ExitCodes.BadInput,
        "--html '/no/such/folder/r.html' cannot be written: folder '/no/such/folder' does not exist",
        "report",
        "--from",
        "run.json",
        "--html",
        "/no/such/folder/r.html")]
    [InlineData(ExitCodes.BadInput, "--csv '/no/such/folder/s.csv' cannot be written", "sweep", "hashchain", "--csv", "/no/such/folder/s.csv")]
    [InlineData(ExitCodes.BadInput, "--html '/' is a directory; give a file name", "contrast", "--html", "/")]
    [InlineData(ExitCodes.Usage, "Unknown command 'launch'", "launch")]
    public async Task BadInputGetsOneClearLineAndItsExitCode(int expectedCode, string expectedMessage, params string[] args)
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync(args);
        Assert.Equal(expectedCode, code);
        Assert.Empty(stdout);
        Assert.Contains(expectedMessage, stderr, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("error: ", stderr.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to convert", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task MissingFileIsAMalformedParameterNamingThePath()
    {
        var (code, _, stderr) = await CliHarness.RunAsync("run", "hashchain", "--set", "seed=@/no/such/file");
        // seed does not accept files, so '@…' is read as its value and refused as hexadecimal.
        Assert.Equal(ExitCodes.MalformedParameter, code);
        Assert.Contains("'seed' = '@/no/such/file'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableGatewayIsReportedFast()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--gateway", "127.0.0.1:1");
        Assert.Equal(ExitCodes.GatewayUnreachable, code);
        Assert.Empty(stdout);
        Assert.Contains("cannot reach gateway 127.0.0.1:1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableRedisIsReportedFast()
    {
        var (code, stdout, stderr) = await CliHarness.RunAsync("run", "hashchain", "--redis", "127.0.0.1:1");
        Assert.Equal(ExitCodes.GatewayUnreachable, code);
        Assert.Empty(stdout);
        Assert.Contains("cannot reach Redis at 127.0.0.1:1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFailureClassHasItsOwnCode()
    {
        int[] codes =
        [
            ExitCodes.JobFailed, ExitCodes.Usage, ExitCodes.UnknownWorkload, ExitCodes.UnknownParameter,
            ExitCodes.MalformedParameter, ExitCodes.ParameterOutOfRange, ExitCodes.GatewayUnreachable, ExitCodes.BadInput,
            ExitCodes.JobNotFound, ExitCodes.JobRunning, ExitCodes.JobLost, ExitCodes.ClusterUnavailable, ExitCodes.Cancelled,
        ];
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.DoesNotContain(ExitCodes.Success, codes);
    }
}
