using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// What a round trip costs on this machine with no Orleans at all, the floor under target 4's grain calls: one byte
/// each way over a loopback TCP connection between two async sockets in this process (Nagle off), one message each
/// way between two tasks through channels (an async hand-off between threads, what a local call needs at least), and
/// the cost of waking a blocked thread: two threads that wait without spinning and wake each other in turn.
/// </summary>
public static class LoopbackFloor
{
    /// <summary>Sorted round-trip times in microseconds over loopback TCP, after a warm-up.</summary>
    public static async Task<List<double>> TcpAsync(int count, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient { NoDelay = true };
        var accepting = listener.AcceptTcpClientAsync(cancellationToken).AsTask();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, cancellationToken);
        using var server = await accepting;
        server.NoDelay = true;
        var echo = Task.Run(
            async () =>
            {
                var stream = server.GetStream();
                var one = new byte[1];
                while (await stream.ReadAsync(one, cancellationToken) == 1)
                {
                    await stream.WriteAsync(one, cancellationToken);
                }
            },
            cancellationToken);
        var stream = client.GetStream();
        var buffer = new byte[1];
        var times = new List<double>(count);
        for (var i = -Math.Max(20, count / 10); i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await stream.WriteAsync(buffer, cancellationToken);
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        client.Close();
        await echo.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        times.Sort();
        return times;
    }

    /// <summary>Sorted round-trip times in microseconds of a message to another task and its answer, through channels.</summary>
    public static async Task<List<double>> HandOffAsync(int count, CancellationToken cancellationToken)
    {
        var requests = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var answers = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var echo = Task.Run(
            async () =>
            {
                await foreach (var request in requests.Reader.ReadAllAsync(cancellationToken))
                {
                    await answers.Writer.WriteAsync(request, cancellationToken);
                }
            },
            cancellationToken);
        var times = new List<double>(count);
        for (var i = -Math.Max(20, count / 10); i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await requests.Writer.WriteAsync(i, cancellationToken);
            await answers.Reader.ReadAsync(cancellationToken);
            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        requests.Writer.Complete();
        await echo;
        times.Sort();
        return times;
    }

    /// <summary>
    /// Sorted round-trip times in microseconds between two threads that block between messages (events that do not
    /// spin): each round trip wakes a sleeping thread twice, which is what a message costs when the thread that
    /// must handle it has gone to sleep — on a virtual machine, possibly with its virtual CPU halted.
    /// </summary>
    public static List<double> Wake(int count)
    {
        using var ping = new AutoResetEvent(false);
        using var pong = new AutoResetEvent(false);
        var stop = 0;
        var echo = new Thread(() =>
        {
            while (true)
            {
                ping.WaitOne();
                if (Volatile.Read(ref stop) == 1)
                {
                    return;
                }

                pong.Set();
            }
        })
        { IsBackground = true, Name = "bare-wake" };
        echo.Start();
        var times = new List<double>(count);
        for (var i = -Math.Max(20, count / 10); i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            ping.Set();
            pong.WaitOne();
            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        Volatile.Write(ref stop, 1);
        ping.Set();
        echo.Join();
        times.Sort();
        return times;
    }
}
