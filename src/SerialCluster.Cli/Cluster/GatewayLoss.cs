using System.Diagnostics;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Watches the client's gateway connections, so a follow loop whose polls fail can tell "no gateway is left" from
/// a slow answer. A client that found its gateways in Redis finds new ones there (a restarted or another silo), and
/// a durable job runs on, so it says it is reconnecting; a client given one gateway has nothing else to try.
/// </summary>
public sealed class GatewayLoss(string target, bool canReconnect, ConnectionHint hint, Action<string> say) : IClusterConnectionStatusObserver
{
    /// <summary>How long without a gateway before a client that cannot reconnect gives up: the gateway may come straight back.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly Stopwatch _lostFor = new();
    private bool _saidReconnecting;

    /// <summary>True while the client is connected to no gateway.</summary>
    public bool IsLost
    {
        get
        {
            lock (_lock)
            {
                return _lostFor.IsRunning;
            }
        }
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        lock (_lock)
        {
            if (currentNumberOfGateways > 0)
            {
                _lostFor.Reset();
            }
            else if (!_lostFor.IsRunning)
            {
                _lostFor.Restart();
            }
        }
    }

    public void NotifyClusterConnectionLost()
    {
        lock (_lock)
        {
            if (!_lostFor.IsRunning)
            {
                _lostFor.Restart();
            }
        }
    }

    /// <summary>
    /// Asked when a poll of job <paramref name="jobId"/> failed for a passing reason: the error that ends the follow
    /// (exit code 7) when no gateway is left and none can be found, else null (the poll is repeated). Says once that
    /// it is reconnecting where it can.
    /// </summary>
    public CliException? Check(string jobId)
    {
        TimeSpan lostFor;
        lock (_lock)
        {
            lostFor = _lostFor.Elapsed;
            if (!_lostFor.IsRunning)
            {
                return null;
            }
        }

        if (canReconnect)
        {
            if (!_saidReconnecting)
            {
                _saidReconnecting = true;
                say($"lost the connection to the {target}; reconnecting through Redis (job {jobId} is stored and runs on; Ctrl+C cancels it)");
            }

            return null;
        }

        return lostFor < Grace
            ? null
            : new CliException(
                ExitCodes.GatewayUnreachable,
                $"lost the connection to the {target} while following job {jobId}: its gateway closed (the silo stopped or died) and there is no other to try; "
                    + $"the job may run on where other silos are left: {hint.Command($"jobs show {jobId}")}");
    }

    /// <summary>Says once that the connection is back, after <see cref="Check"/> said it was reconnecting.</summary>
    public void SayIfReconnected()
    {
        if (_saidReconnecting && !IsLost)
        {
            _saidReconnecting = false;
            say($"reconnected to the {target}");
        }
    }
}
