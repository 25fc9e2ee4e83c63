using System.Net.Sockets;
using System.Text;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// A redis-server of this test's own: a free loopback port, a temporary directory, nothing saved to disk;
/// killed by its PID on dispose. Skips the test where redis-server is not installed.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _directory;

    private RedisServer(ChildProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The redis-server process's id, for a fault test that pauses it (SIGSTOP, then SIGCONT).</summary>
    public int Pid => _process.Pid;

    /// <summary>The StackExchange.Redis configuration string silos and clients use.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var program = Requirements.RedisServer();
        var port = FreePorts.Take(1)[0];
        var directory = Directory.CreateTempSubdirectory("serialcluster-redis-").FullName;
        var process = ChildProcess.Start(
            "redis-server",
            program,
            [
                "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory,
            ],
            directory);
        var server = new RedisServer(process, directory, port);
        try
        {
            await Poll.UntilAsync(
                $"redis-server on port {port} to answer PING",
                TimeSpan.FromSeconds(15),
                async () => await server.PingAsync() ? "PONG" : null);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    private async Task<bool> PingAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited; its output:\n{_process.Output()}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
