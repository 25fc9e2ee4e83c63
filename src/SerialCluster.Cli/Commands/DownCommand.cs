using System.Diagnostics;
using SerialCluster.Cli.Local;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster down</c>: stops the local cluster <c>up</c> started — exactly its host process, by the PID and start
/// time in the state file: SIGTERM, then SIGKILL after <c>--timeout</c> — and removes the state file. With nothing
/// running it says so and succeeds; a stale state file is removed.
/// </summary>
public sealed class DownCommand(ConsoleStreams console) : AsyncCommand<DownSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DownSettings settings, CancellationToken cancellationToken)
    {
        var paths = LocalClusterPaths.FromEnvironment();
        var grace = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        using var held = await StateDirectoryLock.AcquireAsync(paths, grace + UpCommand.LockWait, console.Say, cancellationToken);
        var check = await LocalClusterDiscovery.InspectAsync(paths, console.Say, cancellationToken);
        var writer = console.Out.Profile.Out.Writer;
        if (check is null || check.Health == LocalClusterHealth.Gone)
        {
            LocalClusterStateFile.Delete(paths, pid: null);
            writer.WriteLine(check is null
                ? "no local cluster is running"
                : $"no local cluster is running (removed the stale state: {check.Reason})");
            return ExitCodes.Success;
        }

        var state = check.State;
        console.Say($"stopping local cluster '{state.ClusterId}' (pid {state.Pid})…");
        var clock = Stopwatch.StartNew();
        var forced = await LocalClusterStopper.StopAsync(state.Pid, state.ProcessStartTicks, grace, cancellationToken);
        LocalClusterStateFile.Delete(paths, pid: null);
        writer.WriteLine(forced
            ? $"stopped local cluster '{state.ClusterId}' (pid {state.Pid}) with SIGKILL: it did not stop within {settings.TimeoutSeconds} s of SIGTERM"
            : $"stopped local cluster '{state.ClusterId}' (pid {state.Pid}) in {Durations.Precise(clock.Elapsed.TotalSeconds)}");
        return ExitCodes.Success;
    }
}
