using System.Diagnostics;

namespace SerialCluster.Cli.Local;

/// <summary>
/// Stops the local cluster's host process by PID, and only it: SIGTERM (its silos leave the cluster and stop), then
/// SIGKILL if it is still there after the grace period. Identity is checked before each signal (<see cref="UnixProcess"/>).
/// </summary>
public static class LocalClusterStopper
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    /// <summary>Stops it; true when SIGKILL was needed.</summary>
    /// <exception cref="CliException">It is still there after SIGKILL (exit code 13).</exception>
    public static async Task<bool> StopAsync(int pid, long startTicks, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!UnixProcess.IsRunning(pid, startTicks))
        {
            return false;
        }

        UnixProcess.Signal(pid, UnixProcess.SigTerm);
        if (await WaitForExitAsync(pid, startTicks, grace, cancellationToken))
        {
            return false;
        }

        if (UnixProcess.IsRunning(pid, startTicks))
        {
            UnixProcess.Signal(pid, UnixProcess.SigKill);
        }

        return await WaitForExitAsync(pid, startTicks, KillWait, cancellationToken)
            ? true
            : throw new CliException(ExitCodes.LocalClusterFailed, $"the local cluster's process {pid} did not end after SIGTERM and SIGKILL");
    }

    private static async Task<bool> WaitForExitAsync(int pid, long startTicks, TimeSpan wait, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (UnixProcess.IsRunning(pid, startTicks))
        {
            if (clock.Elapsed >= wait)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return true;
    }
}
