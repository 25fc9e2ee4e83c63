using System.Collections.Concurrent;
using System.Net.Sockets;
using SerialCluster.Cli.Cluster;

namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// The local cluster's command server: a Unix socket in the state directory (this user's only) where the host that
/// <c>serialcluster up</c> started runs clients' commands with its own, long-started Orleans client, so a command pays
/// neither a runtime start of that size nor a client start of its own (docs/BENCHMARKS.md, target 8).
/// </summary>
public sealed class CommandServer : IAsyncDisposable
{
    /// <summary>The longest socket path the kernel takes (sun_path is 108 bytes, with room for its terminator).</summary>
    public const int MaxSocketPath = 107;

    private readonly Socket _listener;
    private readonly string _path;
    private readonly Func<ClusterConnection> _borrow;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _sessions = new();
    private readonly Task _accepting;
    private readonly Action<string> _say;

    private CommandServer(Socket listener, string path, Func<ClusterConnection> borrow, Action<string> say)
    {
        _listener = listener;
        _path = path;
        _borrow = borrow;
        _say = say;
        _accepting = AcceptAsync();
    }

    /// <summary>Listens on <paramref name="path"/>; null (after a note) where this system or this path cannot have the socket.</summary>
    public static CommandServer? Start(string path, Func<ClusterConnection> borrow, Action<string> say)
    {
        if (OperatingSystem.IsWindows() || path.Length > MaxSocketPath)
        {
            say($"note: no command server: {path} cannot be a Unix socket here (at most {MaxSocketPath} characters); commands start their own client");
            return null;
        }

        File.Delete(path); // a socket left by a host that was killed
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(backlog: 64);
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            listener.Dispose();
            say($"note: no command server at {path} ({e.Message}); commands start their own client");
            return null;
        }

        return new CommandServer(listener, path, borrow, say);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _accepting;
        await Task.WhenAny(Task.WhenAll(_sessions.Keys), Task.Delay(TimeSpan.FromSeconds(10)));
        File.Delete(_path);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var session = ServeAsync(client);
            _sessions[session] = true;
            _ = session.ContinueWith(done => _sessions.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield(); // off the accept loop
        await using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            await new ForwardedCommandSession(stream, _borrow).RunAsync(_stopping.Token);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException or SocketException)
        {
            // The client went away or sent what is not a request: its command (if any) was cancelled; the server goes on.
        }
        catch (Exception e)
        {
            _say($"warning: a forwarded command failed in the command server: {e.GetType().Name}: {e.Message}");
        }
    }
}
