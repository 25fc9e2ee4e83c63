using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Local;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster up</c>: starts the local cluster — the embedded cluster's silos in a host process of their own that
/// outlives this command — waits until it accepts jobs, prints where it is and returns. Every command without
/// <c>--gateway</c> or <c>--redis</c> then uses it. One already running is reported, not started twice (exit code 0).
/// </summary>
public sealed class UpCommand(ConsoleStreams console) : AsyncCommand<UpSettings>
{
    /// <summary>How long a second <c>up</c> or <c>down</c> waits for the one holding the state directory, beyond its own wait.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    private const int DefaultTimeoutSeconds = 120;
    private const int MaxDefaultTimeoutSeconds = 600;

    public override async Task<int> ExecuteAsync(CommandContext context, UpSettings settings, CancellationToken cancellationToken)
    {
        var paths = LocalClusterPaths.FromEnvironment();
        var timeout = settings.TimeoutSeconds is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : LoadAverage.Stretch(TimeSpan.FromSeconds(DefaultTimeoutSeconds), TimeSpan.FromSeconds(MaxDefaultTimeoutSeconds));
        using var held = await StateDirectoryLock.AcquireAsync(paths, timeout + LockWait, console.Say, cancellationToken);
        var existing = await LocalClusterDiscovery.InspectAsync(paths, console.Say, cancellationToken);
        switch (existing?.Health)
        {
            case LocalClusterHealth.Running:
                console.Say($"a local cluster is already running (pid {existing.State.Pid}); `serialcluster down` stops it");
                Write(settings, paths, existing);
                return ExitCodes.Success;
            case LocalClusterHealth.Unresponsive:
                throw new CliException(
                    ExitCodes.LocalClusterFailed,
                    $"a local cluster is there but not answering: {existing.Reason}; `serialcluster down` stops it (log: {existing.State.Log})");
            case LocalClusterHealth.Gone:
                console.Say($"note: replacing the stale local cluster state ({existing.Reason})");
                break;
        }

        LocalClusterStateFile.Delete(paths, pid: null);
        var storage = string.IsNullOrWhiteSpace(settings.Redis) ? "in memory" : $"in Redis at {settings.Redis}";
        console.Say($"starting a local cluster of {settings.Silos} silo(s) in the background (jobs {storage}; log: {paths.LogFile})…");
        var state = await LocalClusterLauncher.StartAsync(paths, settings, timeout, cancellationToken);
        var check = new LocalClusterCheck(state, LocalClusterHealth.Running, string.Empty);
        console.Say("commands without --gateway or --redis now run on it (`serialcluster run hashchain`); `serialcluster down` stops it");
        Write(settings, paths, check);
        return ExitCodes.Success;
    }

    private void Write(UpSettings settings, LocalClusterPaths paths, LocalClusterCheck check)
    {
        if (settings.Json)
        {
            console.Out.Profile.Out.Writer.WriteLine(JobDocument.Serialize(LocalClusterDocument.Build(paths, check)));
        }
        else
        {
            LocalClusterView.Write(console.Out, paths, check);
        }
    }
}
