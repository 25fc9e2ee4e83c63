using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace SerialCluster.Hosting;

/// <summary>
/// Stops the silo when its own entry has vanished from the membership table (Redis restarted empty, or flushed),
/// so that its supervisor (deploy/local-cluster.sh, compose's restart policy) starts it again and it joins afresh.
/// Orleans cannot rejoin by itself: it ignores a table whose version is older than its own view (a wiped table
/// starts again at 0), so the silo would stay up unlisted and no client could find a gateway.
/// </summary>
public sealed partial class MembershipWatch(
    IMembershipTable table,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    ILogger<MembershipWatch> logger) : BackgroundService
{
    /// <summary>The exit status of a silo stopped by the watch (EX_TEMPFAIL: start it again).</summary>
    public const int ExitCode = 75;

    /// <summary>How often the silo reads its own entry.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Reads in a row that must find no entry: one read can race a table being written.</summary>
    public const int MissesToStop = 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var misses = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                misses = await HasEntryAsync(stoppingToken) switch
                {
                    true => 0,
                    false => misses + 1,
                    null => misses,
                };
                if (misses >= MissesToStop)
                {
                    LogEntryVanished(logger, silo.SiloAddress.ToString(), misses, Interval.TotalSeconds, ExitCode);
                    Environment.ExitCode = ExitCode;
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping for another reason.
        }
    }

    /// <summary>Whether the table lists this silo; null when the table could not be read (an outage is not a wipe).</summary>
    private async Task<bool?> HasEntryAsync(CancellationToken cancellationToken)
    {
        try
        {
            var row = await table.ReadRowAsync(silo.SiloAddress, cancellationToken);
            return row.Members.Count > 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReadFailed(logger, e.GetType().Name, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "This silo ({Silo}) is no longer in the membership table ({Misses} reads {Seconds} s apart found no entry: storage "
            + "restarted empty or was flushed); stopping with exit status {ExitCode} so that its supervisor starts it again to rejoin")]
    private static partial void LogEntryVanished(ILogger logger, string silo, int misses, double seconds, int exitCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership watch could not read the table: {Type}: {Message}")]
    private static partial void LogReadFailed(ILogger logger, string type, string message);
}
