using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Runtime;
using StackExchange.Redis;

namespace SerialCluster.Hosting;

/// <summary>
/// Stops the silo when the membership table has lost it (Redis restarted empty, or flushed), so that its supervisor
/// (deploy/local-cluster.sh, compose's restart policy) starts it again and it joins afresh. Orleans cannot rejoin by
/// itself: a table without its version row cannot be read or written, and a recreated one would be older than the
/// silo's view, which Orleans ignores; the silo would stay up unlisted and no client could find a gateway.
/// </summary>
public sealed partial class MembershipWatch(
    IMembershipTable table,
    ILocalSiloDetails silo,
    IOptions<RedisClusteringOptions> redis,
    IOptions<ClusterOptions> cluster,
    IHostApplicationLifetime lifetime,
    ILogger<MembershipWatch> logger) : BackgroundService
{
    /// <summary>The exit status of a silo stopped by the watch (EX_TEMPFAIL: start it again).</summary>
    public const int ExitCode = 75;

    /// <summary>Reads in a row that must find no entry: one read can race a table being written.</summary>
    public const int MissesToStop = 2;

    /// <summary>How often the silo looks for its own entry.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A graceful stop meets the same missing table and can hang in Orleans' membership writes; past this the process
    /// ends at once. Its storage is gone, so nothing a graceful stop would save could be read again.
    /// </summary>
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = redis.Value.ConfigurationOptions!.Clone();
        options.AbortOnConnectFail = false;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var key = redis.Value.CreateRedisKey(cluster.Value);
        using var timer = new PeriodicTimer(Interval);
        var misses = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                misses = await IsListedAsync(connection.GetDatabase(), key, stoppingToken) switch
                {
                    true => 0,
                    false => misses + 1,
                    null => misses,
                };
                if (misses >= MissesToStop)
                {
                    Stop(misses);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping for another reason.
        }
    }

    private void Stop(int misses)
    {
        LogEntryVanished(logger, silo.SiloAddress.ToString(), misses, Interval.TotalSeconds, ExitCode);
        Environment.ExitCode = ExitCode;
        _ = Task.Run(async () =>
        {
            await Task.Delay(StopDeadline);
            Environment.FailFast($"the silo left the membership table and did not stop within {StopDeadline.TotalSeconds} s");
        });
        lifetime.StopApplication();
    }

    /// <summary>Whether the table lists this silo; null when Redis could not be asked (an outage is not a wipe).</summary>
    private async Task<bool?> IsListedAsync(IDatabase database, RedisKey key, CancellationToken cancellationToken)
    {
        try
        {
            if (!await database.KeyExistsAsync(key))
            {
                return false;
            }

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
        Message = "This silo ({Silo}) is no longer in the membership table ({Misses} looks {Seconds} s apart found no entry: storage "
            + "restarted empty or was flushed); stopping with exit status {ExitCode} so that its supervisor starts it again to rejoin")]
    private static partial void LogEntryVanished(ILogger logger, string silo, int misses, double seconds, int exitCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership watch could not read the table: {Type}: {Message}")]
    private static partial void LogReadFailed(ILogger logger, string type, string message);
}
