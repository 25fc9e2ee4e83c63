using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SerialCluster.Cli;
using SerialCluster.Cli.Local;
using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Local;

/// <summary>
/// <c>serialcluster up --redis</c>: the local cluster keeps its jobs in a real redis-server, so a job run on it is
/// still there, completed with its result, after <c>down</c> and a new <c>up</c>. Every command is the built CLI as a
/// process, with a state directory of this test's own.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class RedisLocalClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    [SkippableFact]
    public async Task AJobOnARedisBackedLocalClusterSurvivesDownAndUp()
    {
        using var redis = await RedisServer.StartAsync();
        var stateDirectory = Directory.CreateTempSubdirectory("serialcluster-local-").FullName;
        try
        {
            string[] up = ["up", "--silos", "1", "--redis", redis.ConnectionString];
            await RunAsync(stateDirectory, up);
            var run = await RunAsync(stateDirectory, "run", "hashchain", "--set", "steps=1000");
            var jobId = AcceptedJob().Match(run).Groups[1].Value;
            await RunAsync(stateDirectory, "down");
            Assert.False(File.Exists(new LocalClusterPaths(stateDirectory).StateFile));

            await RunAsync(stateDirectory, up);
            var shown = await RunAsync(stateDirectory, "jobs", "show", jobId, "--json");

            var lines = shown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var json = string.Join('\n', lines[lines.IndexOf("{")..(lines.LastIndexOf("}") + 1)]);
            var document = JsonNode.Parse(json)!;
            Assert.Equal("completed", document["state"]!.GetValue<string>());
        }
        finally
        {
            using var down = Start(stateDirectory, "down");
            await down.WaitForExitAsync(Deadline);
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    /// <summary>Runs <c>serialcluster ARGUMENTS</c> with the state directory; fails with its output unless it exits 0.</summary>
    private static async Task<string> RunAsync(string stateDirectory, params string[] arguments)
    {
        using var cli = Start(stateDirectory, arguments);
        var code = await cli.WaitForExitAsync(Deadline);
        Assert.True(
            code == ExitCodes.Success,
            $"serialcluster {string.Join(' ', arguments)}: exit {code.ToString(CultureInfo.InvariantCulture)}\n{cli.Output()}");
        return cli.Output();
    }

    private static ChildProcess Start(string stateDirectory, params string[] arguments) =>
        ChildProcess.Start(
            "serialcluster",
            "env",
            [
                $"{LocalClusterPaths.DirectoryEnvironmentVariable}={stateDirectory}",
                "dotnet",
                Path.Combine(AppContext.BaseDirectory, "serialcluster.dll"),
                .. arguments,
            ],
            AppContext.BaseDirectory);

    [GeneratedRegex(@"job (j-[0-9a-f]{12}) accepted")]
    private static partial Regex AcceptedJob();
}
