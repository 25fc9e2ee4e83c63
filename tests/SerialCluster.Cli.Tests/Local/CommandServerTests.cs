using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SerialCluster.Cli.Forwarding;

namespace SerialCluster.Cli.Tests.Local;

/// <summary>
/// The local cluster's command server, with real processes: a command sent there gives what the same command gives in
/// its own process (result, output, exit code), Ctrl+C reaches the job, and a socket left by a killed host is ignored.
/// </summary>
[Trait("Category", "Cluster")]
public sealed partial class CommandServerTests
{
    private const string ForwardedMark = "the local cluster's command server reached";
    private const string AbcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static readonly Dictionary<string, string> OwnProcess = new() { [ForwardingRules.EnvironmentVariable] = "off" };

    [Fact]
    public async Task AForwardedCommandGivesTheResultOutputAndExitCodeOfTheSameCommandInItsOwnProcess()
    {
        await using var sandbox = new LocalClusterSandbox();
        await sandbox.RunJsonAsync("up", "--silos", "2");
        Assert.True(File.Exists(sandbox.Paths.CommandSocket), "`up` left no command socket in the state directory");

        // SHA-256("abc"), FIPS 180-2's published vector: one step of the chain from seed "abc".
        var (code, stdout, stderr) = await sandbox.RunAsync("run", "hashchain", "--set", "seed=616263", "--set", "steps=1", "--json", "--timeline");
        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains(ForwardedMark, stderr, StringComparison.Ordinal);
        Assert.Equal(AbcDigest, JsonNode.Parse(stdout)!["result"]!["digest"]!.GetValue<string>());

        string[] chain = ["run", "hashchain", "--set", "steps=20000", "--mode", "pinned", "--json", "--timeline"];
        var forwarded = await sandbox.RunAsync(chain);
        var own = await sandbox.RunAsync(OwnProcess, chain);
        Assert.True(forwarded.Code == ExitCodes.Success && own.Code == ExitCodes.Success, forwarded.Stderr + own.Stderr);
        Assert.DoesNotContain(ForwardedMark, own.Stderr, StringComparison.Ordinal);
        Assert.Equal(Result(own.Stdout), Result(forwarded.Stdout));

        // A parameter out of range: the same one line and exit code, before any work.
        string[] bad = ["run", "hashchain", "--set", "steps=0"];
        var badForwarded = await sandbox.RunAsync(bad);
        var badOwn = await sandbox.RunAsync(OwnProcess, bad);
        Assert.Equal(badOwn.Code, badForwarded.Code);
        Assert.NotEqual(ExitCodes.Success, badForwarded.Code);
        Assert.Equal(ErrorLine(badOwn.Stderr), ErrorLine(badForwarded.Stderr));

        var jobs = await sandbox.RunJsonAsync("jobs", "list");
        Assert.Contains(jobs["jobs"]!.AsArray(), j => j!["jobId"]!.GetValue<string>() == JsonNode.Parse(forwarded.Stdout)!["jobId"]!.GetValue<string>());
    }

    [Fact]
    public async Task CtrlCOnAForwardedRunCancelsItsJobOnTheLocalClusterAndExits130()
    {
        await using var sandbox = new LocalClusterSandbox();
        await sandbox.RunJsonAsync("up", "--silos", "1");
        using var cli = sandbox.Start("run", "hashchain", "--set", "steps=1e12", "--mode", "pinned", "--timeline");
        await cli.WaitForLineAsync("hashchain: ", LocalClusterSandbox.Deadline);
        var jobId = Accepted().Match(cli.Output()).Groups[1].Value;

        cli.Signal("INT");
        var code = await cli.WaitForExitAsync(LocalClusterSandbox.Deadline);

        Assert.True(code == 130, $"exit {code}:\n{cli.Output()}");
        Assert.Contains("error: cancelled", cli.Output(), StringComparison.Ordinal);
        var show = await sandbox.RunJsonAsync("jobs", "show", jobId);
        Assert.Equal("cancelled", show["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task ASocketLeftByAKilledHostIsIgnoredAndTheCommandRunsInItsOwnProcess()
    {
        await using var sandbox = new LocalClusterSandbox();
        sandbox.Paths.Create();
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            dead.Bind(new UnixDomainSocketEndPoint(sandbox.Paths.CommandSocket)); // bound, never listening: connecting is refused
        }

        var (code, stdout, stderr) = await sandbox.RunAsync("run", "hashchain", "--set", "seed=616263", "--set", "steps=1", "--json", "--timeline");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.DoesNotContain(ForwardedMark, stderr, StringComparison.Ordinal);
        Assert.Contains("embedded cluster", stderr, StringComparison.Ordinal);
        Assert.Equal(AbcDigest, JsonNode.Parse(stdout)!["result"]!["digest"]!.GetValue<string>());
    }

    private static string Result(string stdout) => JsonNode.Parse(stdout)!["result"]!.ToJsonString();

    private static string ErrorLine(string stderr) => Assert.Single(stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));

    [GeneratedRegex(@"job (j-[0-9a-f]{12}) accepted")]
    private static partial Regex Accepted();
}
