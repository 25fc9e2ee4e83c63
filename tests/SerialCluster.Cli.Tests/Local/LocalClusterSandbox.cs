using System.Globalization;
using System.Text.Json.Nodes;
using SerialCluster.Cli.Local;
using SerialCluster.Cli.Tests.Processes;

namespace SerialCluster.Cli.Tests.Local;

/// <summary>
/// A state directory of one test's own, and the real <c>serialcluster</c> run as a process with it, so each test has
/// its own local cluster and never meets a user's. Disposing stops whatever a test left running there, by PID.
/// </summary>
public sealed class LocalClusterSandbox : IAsyncDisposable
{
    /// <summary>Long enough for a loaded machine to start a process and two silos; a hang runs far past it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    public LocalClusterSandbox() =>
        Paths = new LocalClusterPaths(Path.Combine(Path.GetTempPath(), $"serialcluster-local-{Guid.NewGuid():N}"));

    public LocalClusterPaths Paths { get; }

    public Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs a command with <paramref name="environment"/> beside the sandbox's state directory.</summary>
    public Task<(int Code, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        CliProcessRun.RunWithEnvironmentAsync(WithStateDirectory(environment), Deadline, args);

    /// <summary>Starts a command that runs on (signals, output read while it runs) in the sandbox.</summary>
    public CliChildProcess Start(params string[] args) => CliChildProcess.Start(args, WithStateDirectory(new Dictionary<string, string>()));

    private Dictionary<string, string> WithStateDirectory(IReadOnlyDictionary<string, string> extra) =>
        new(extra) { [LocalClusterPaths.DirectoryEnvironmentVariable] = Paths.Directory };

    /// <summary>Runs a command with <c>--json</c> and parses its one document, failing with its output if it exits otherwise than 0.</summary>
    public async Task<JsonNode> RunJsonAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync([.. args, "--json"]);
        Assert.True(code == ExitCodes.Success, $"{string.Join(' ', args)}: exit {code}\n{stderr}");
        return JsonNode.Parse(stdout) ?? throw new InvalidOperationException($"{string.Join(' ', args)} printed no JSON: {stdout}");
    }

    /// <summary>Processes (not zombies) whose command line names this sandbox's directory: the local cluster's host, if running.</summary>
    public IReadOnlyList<int> ProcessesNamingDirectory()
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(Paths.Directory, StringComparison.Ordinal) && UnixProcess.IsRunning(pid, 0))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was read.
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("down", "--timeout", "10");
        foreach (var pid in ProcessesNamingDirectory())
        {
            UnixProcess.Signal(pid, UnixProcess.SigKill);
        }

        try
        {
            Directory.Delete(Paths.Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
