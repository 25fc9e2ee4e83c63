using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace SerialCluster.Hosting;

/// <summary>
/// Before a silo joins, declares dead the rows of silos stopped uncleanly (every silo killed, storage kept): listed
/// active, no heartbeat for the staleness window (IAmAliveTablePublishTimeout × NumMissedTableIAmAliveLimit), and no
/// connection accepted at their silo port. Else the joining silo pings each until another declares it dead, and clients
/// are handed their gateways. A live but slow silo still accepts connections: only Orleans' probes may declare it dead.
/// </summary>
public sealed partial class StaleMembershipSweep(
    IMembershipTable table,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<ClusterMembershipOptions> options,
    TimeProvider clock,
    ILogger<StaleMembershipSweep> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long a row's silo port may take to accept a connection before it counts as closed.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Reads of the table: writes race other silos sweeping at the same time, and a lost race reads again.</summary>
    private const int Attempts = 3;

    /// <summary>Heartbeats older than this mark a row stale: Orleans' own rule for rows that no longer vote.</summary>
    public TimeSpan StaleAfter => options.Value.IAmAliveTablePublishTimeout * options.Value.NumMissedTableIAmAliveLimit;

    public void Participate(ISiloLifecycle lifecycle) =>
        // After the membership table is initialised and first read (RuntimeGrainServices), before the silo writes its own
        // row as joining (AfterRuntimeGrainServices): table writes in one stage would race for the table's version.
        lifecycle.Subscribe(nameof(StaleMembershipSweep), ServiceLifecycleStage.AfterRuntimeGrainServices - 1, SweepAsync);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var swept = new List<SiloAddress>();
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var data = await table.ReadAllAsync(cancellationToken);
                var dead = await DeadAsync(data, cancellationToken);
                if (dead.Count == 0)
                {
                    break;
                }

                var version = data.Version;
                var raced = false;
                foreach (var (entry, etag) in dead)
                {
                    entry.Status = SiloStatus.Dead;
                    version = version.Next();
                    if (!await table.UpdateRowAsync(entry, etag, version, cancellationToken))
                    {
                        raced = true;
                        break;
                    }

                    swept.Add(entry.SiloAddress);
                }

                if (!raced)
                {
                    await membership.Refresh(new MembershipVersion(version.Version), cancellationToken);
                    break;
                }
            }

            if (swept.Count > 0)
            {
                LogSwept(logger, swept.Count, string.Join(", ", swept), StaleAfter.TotalSeconds);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Orleans' probes declare them dead as before; the sweep only makes a fresh start faster.
            LogFailed(logger, e.GetType().Name, e.Message);
        }
    }

    /// <summary>Active rows of other silos whose heartbeat is stale and whose silo port accepts no connection.</summary>
    private async Task<List<(MembershipEntry Entry, string ETag)>> DeadAsync(MembershipTableData data, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = data.Members
            .Where(m => m.Item1.Status == SiloStatus.Active && !m.Item1.SiloAddress.Endpoint.Equals(silo.SiloAddress.Endpoint)
                && now - m.Item1.IAmAliveTime > StaleAfter)
            .ToList();
        var closed = await Task.WhenAll(stale.Select(m => IsClosedAsync(m.Item1.SiloAddress.Endpoint, cancellationToken)));
        return [.. stale.Where((_, i) => closed[i]).Select(m => (m.Item1, m.Item2))];
    }

    private static async Task<bool> IsClosedAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(endpoint, timeout.Token);
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Declared {Count} silo(s) dead before joining ({Silos}): listed active, no heartbeat for over {Seconds} s, and their silo port "
            + "accepts no connection (stopped uncleanly)")]
    private static partial void LogSwept(ILogger logger, int count, string silos, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep stale membership rows before joining: {Type}: {Message}")]
    private static partial void LogFailed(ILogger logger, string type, string message);
}
