using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using SerialCluster.Cli.Infrastructure;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Cli.Local;

namespace SerialCluster.Cli.Forwarding;

/// <summary>
/// The client side of the command server: where the local cluster's host listens and <see cref="ForwardingRules"/>
/// allow it, hand the command there and relay its output, prompts, Ctrl+C and exit code. This path runs before any
/// command-line parsing or Orleans code is loaded, so a forwarded command costs a small process and one socket.
/// </summary>
public static class CommandForwarder
{
    /// <summary>The command's exit code once the server ran it; null where it must run in this process (no server, or it declined).</summary>
    public static async Task<int?> TryRunAsync(string[] args, CancellationToken signalled)
    {
        if (!ForwardingRules.Eligible(args, Environment.GetEnvironmentVariable))
        {
            return null;
        }

        var path = LocalClusterPaths.FromEnvironment().CommandSocket;
        if (!File.Exists(path))
        {
            return null;
        }

        StartupTimeline.Begin("the runtime started, the command began");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), signalled);
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null; // a socket file left by a host that was killed: the command finds (and reports) the stale state itself
        }

        await using var stream = new NetworkStream(socket, ownsSocket: true);
        StartupTimeline.Mark("the local cluster's command server reached (the command is run there)");
        var request = new ForwardedRequest(
            BuildVersion.Informational, args, !Console.IsOutputRedirected, !Console.IsErrorRedirected, !Console.IsInputRedirected,
            TerminalWidth(), StartupTimeline.Now, StartupTimeline.Marks());
        var gate = new Lock();
        lock (gate)
        {
            CommandFrame.Write(stream, CommandFrameKind.Request, request.Encode());
        }

        using var cancelOnSignal = signalled.Register(() => Send(stream, gate, CommandFrameKind.Cancel, []));
        return await RelayAsync(stream, gate);
    }

    private static async Task<int?> RelayAsync(NetworkStream stream, Lock gate)
    {
        using var stdout = Console.OpenStandardOutput();
        using var stderr = Console.OpenStandardError();
        while (true)
        {
            CommandFrame? next;
            try
            {
                next = await CommandFrame.ReadAsync(stream, CancellationToken.None);
            }
            catch (IOException)
            {
                next = null;
            }

            switch (next)
            {
                case null:
                    var message = "error: the local cluster's host ended while it ran this command; `serialcluster status` shows its state\n";
                    stderr.Write(Encoding.UTF8.GetBytes(message));
                    return ExitCodes.ClusterUnavailable;
                case { Kind: CommandFrameKind.Declined }:
                    return null;
                case { Kind: CommandFrameKind.Stdout } frame:
                    stdout.Write(frame.Payload);
                    stdout.Flush();
                    break;
                case { Kind: CommandFrameKind.Stderr } frame:
                    stderr.Write(frame.Payload);
                    stderr.Flush();
                    break;
                case { Kind: CommandFrameKind.ReadKey } frame:
                    Send(stream, gate, CommandFrameKind.Key, ForwardedKeyInput.Encode(ReadKey(intercept: frame.Payload is [1])));
                    break;
                case { Kind: CommandFrameKind.Exit } frame when frame.Payload.Length == 4:
                    return BinaryPrimitives.ReadInt32LittleEndian(frame.Payload);
                default:
                    break; // a kind of a later build: nothing this client can do with it
            }
        }
    }

    private static void Send(NetworkStream stream, Lock gate, CommandFrameKind kind, byte[] payload)
    {
        lock (gate)
        {
            try
            {
                CommandFrame.Write(stream, kind, payload);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The server is gone; the relay reports it.
            }
        }
    }

    private static ConsoleKeyInfo? ReadKey(bool intercept)
    {
        try
        {
            return Console.ReadKey(intercept);
        }
        catch (InvalidOperationException)
        {
            return null; // input is not a terminal (or was closed)
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.IsOutputRedirected && Console.IsErrorRedirected ? 0 : Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
