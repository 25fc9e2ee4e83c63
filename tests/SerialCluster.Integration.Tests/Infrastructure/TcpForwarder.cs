using System.Net;
using System.Net.Sockets;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// A loopback TCP port that forwards every connection to another port, byte for byte: what Docker's port publishing
/// (<c>127.0.0.1:30001:30000</c>) or an SSH tunnel (<c>-L 30001:silo:30000</c>) does, without either. Stops on dispose.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    private TcpForwarder(TcpListener listener, IPEndPoint target)
    {
        _listener = listener;
        _target = target;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port that forwards.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Listens on a free port of 127.0.0.1 and forwards to <paramref name="targetPort"/> at <paramref name="target"/>.</summary>
    public static TcpForwarder Start(IPAddress target, int targetPort)
    {
        var listener = new TcpListener(IPAddress.Loopback, FreePorts.Take(1)[0]);
        listener.Start();
        return new TcpForwarder(listener, new IPEndPoint(target, targetPort));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var inbound = client;
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(_target, _stop.Token);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = CopyAsync(inbound.GetStream(), outbound.GetStream(), done.Token);
            var down = CopyAsync(outbound.GetStream(), inbound.GetStream(), done.Token);
            await Task.WhenAny(up, down);
            await done.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // One side closed: the other is closed with it, as a proxy does.
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection ended.
        }
    }
}
