using System.Net;
using System.Net.Sockets;

namespace SerialCluster.Cli.Local;

/// <summary>A state file's cluster as found now: its health, and why, in words, when it is not running.</summary>
public sealed record LocalClusterCheck(LocalClusterState State, LocalClusterHealth Health, string Reason)
{
    /// <summary>How long it has run.</summary>
    public TimeSpan Uptime => DateTimeOffset.UtcNow - State.StartedAt;

    /// <summary>
    /// Checks the host process by PID and start time, then its gateways with plain TCP connects on loopback, each
    /// given <paramref name="connectTimeout"/>: a hung host makes this slow by that much at most, never a hang.
    /// </summary>
    public static async Task<LocalClusterCheck> RunAsync(LocalClusterState state, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        if (!UnixProcess.IsRunning(state.Pid, state.ProcessStartTicks))
        {
            return new LocalClusterCheck(state, LocalClusterHealth.Gone, $"its process {state.Pid} is gone");
        }

        foreach (var silo in state.Silos)
        {
            if (await GatewayAnswersAsync(silo.GatewayPort, connectTimeout, cancellationToken))
            {
                return new LocalClusterCheck(state, LocalClusterHealth.Running, string.Empty);
            }
        }

        return new LocalClusterCheck(
            state, LocalClusterHealth.Unresponsive, $"its process {state.Pid} runs, but none of its gateways ({state.Gateways}) accepts connections");
    }

    private static async Task<bool> GatewayAnswersAsync(int port, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
