using System.Diagnostics;
using System.Globalization;
using SerialCluster.Cli.Commands;

namespace SerialCluster.Cli.Local;

/// <summary>
/// Starts the local cluster's host process (<c>serialcluster serve</c>) detached from this command, its output in the log
/// file, and waits until it has written the state file — its gateways accept jobs — or has failed, or the wait ran out.
/// Whatever fails, nothing it started is left running.
/// </summary>
public static class LocalClusterLauncher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Starts it and returns its state once it accepts jobs.</summary>
    /// <exception cref="CliException">It did not start (exit code 13), naming the cause and the log.</exception>
    public static async Task<LocalClusterState> StartAsync(
        LocalClusterPaths paths, LocalClusterSettings settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        CreateLog(paths);
        // The shell sends the host's output to the log before the host runs, so this command's own stdout and stderr (a
        // terminal, or a pipe a script reads to its end) are never held open by a process that outlives it.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = paths.Directory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1");
        start.ArgumentList.Add("serialcluster-up");
        start.ArgumentList.Add(paths.LogFile);
        foreach (var argument in SelfCommand.Prefix().Concat(ServeArguments(paths, settings)))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new CliException(ExitCodes.LocalClusterFailed, "the local cluster's host process did not start");
        var startTicks = UnixProcess.StartTicks(process.Id) ?? 0;
        try
        {
            return await WaitUntilReadyAsync(process, paths, timeout, cancellationToken);
        }
        catch
        {
            await LocalClusterStopper.StopAsync(process.Id, startTicks, StopGrace, CancellationToken.None);
            LocalClusterStateFile.Delete(paths, process.Id);
            throw;
        }
    }

    private static async Task<LocalClusterState> WaitUntilReadyAsync(
        Process process, LocalClusterPaths paths, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (LocalClusterStateFile.Read(paths, out _) is { } state && state.Pid == process.Id)
            {
                return state;
            }

            if (process.HasExited)
            {
                throw new CliException(
                    ExitCodes.LocalClusterFailed,
                    $"the local cluster did not start: {Cause(paths, process.ExitCode)} (log: {paths.LogFile})");
            }

            if (clock.Elapsed > timeout)
            {
                throw new CliException(
                    ExitCodes.LocalClusterFailed,
                    $"the local cluster did not accept jobs within {timeout.TotalSeconds:F0} s (--timeout; {Cluster.LoadAverage.Describe()}); "
                        + $"stopped it (log: {paths.LogFile})");
            }

            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            tick.CancelAfter(PollInterval);
            try
            {
                await process.WaitForExitAsync(tick.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The poll interval passed: look at the state file again.
            }
        }
    }

    /// <summary>The host's last error line (it writes one, as every command does), else its exit code.</summary>
    private static string Cause(LocalClusterPaths paths, int exitCode)
    {
        const string errorPrefix = "error: ";
        try
        {
            var error = File.ReadLines(paths.LogFile).LastOrDefault(l => l.StartsWith(errorPrefix, StringComparison.Ordinal));
            if (error is not null)
            {
                return error[errorPrefix.Length..];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exit code below is all there is to say.
        }

        return $"its process exited with code {exitCode.ToString(CultureInfo.InvariantCulture)} before its gateways accepted jobs";
    }

    private static void CreateLog(LocalClusterPaths paths)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var log = new FileStream(paths.LogFile, options);
    }

    private static IEnumerable<string> ServeArguments(LocalClusterPaths paths, LocalClusterSettings settings)
    {
        yield return "serve";
        yield return "--state-dir";
        yield return paths.Directory;
        yield return "--silos";
        yield return settings.Silos.ToString(CultureInfo.InvariantCulture);
        yield return "--cluster-id";
        yield return settings.ClusterId;
        if (!string.IsNullOrWhiteSpace(settings.Redis))
        {
            yield return "--redis";
            yield return settings.Redis;
        }

        if (settings.GatewayPort is { } gateway)
        {
            yield return "--gateway-port";
            yield return gateway.ToString(CultureInfo.InvariantCulture);
        }

        if (settings.MetricsPort is { } metrics)
        {
            yield return "--metrics-port";
            yield return metrics.ToString(CultureInfo.InvariantCulture);
        }

        if (settings.Verbose)
        {
            yield return "--verbose";
        }
    }
}
