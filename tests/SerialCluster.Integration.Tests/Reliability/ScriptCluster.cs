using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SerialCluster.Integration.Tests.Deployment;
using SerialCluster.Integration.Tests.Infrastructure;
using StackExchange.Redis;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>
/// A cluster started and stopped by deploy/local-cluster.sh itself (its Redis settings, its supervisors), on free
/// ports and a state directory of its own, with an Orleans client connected through its Redis. Dispose runs
/// `down`; processes it leaves are killed by the PIDs in the state directory.
/// </summary>
public sealed class ScriptCluster : IAsyncDisposable
{
    public const string ClusterId = "it-script";
    public const int SiloCount = 3;
    public static readonly TimeSpan ScriptDeadline = TimeSpan.FromSeconds(300);

    private readonly string[] _environment;
    private IHost? _client;

    private ScriptCluster(string[] extraSiloArgs, int silos = SiloCount, string clusterId = ClusterId, IReadOnlyList<string>? settings = null)
    {
        State = Directory.CreateTempSubdirectory("serialcluster-script-cluster-").FullName;
        RedisPort = FreePorts.Take(1)[0];
        Silos = silos;
        Id = clusterId;
        _environment =
        [
            $"STATE_DIR={State}", $"SILOS={silos}", $"CLUSTER_ID={clusterId}", $"REDIS_PORT={RedisPort}",
            $"SILO_PORT_BASE={ConsecutiveFreePorts(silos)}", $"GATEWAY_PORT_BASE={ConsecutiveFreePorts(silos)}", "METRICS_PORT_BASE=0",
            $"SILO_DLL={SiloProcess.SiloDll}", $"CLI_DLL={Path.Combine(AppContext.BaseDirectory, "serialcluster.dll")}", "READY_TIMEOUT=240",
            "STOP_TIMEOUT=40", "SILO_ARGS=" + string.Join(' ', extraSiloArgs), .. settings ?? [],
        ];
    }

    public string State { get; }

    /// <summary>How many silos the script starts.</summary>
    public int Silos { get; }

    /// <summary>The cluster id the script gives its silos.</summary>
    public string Id { get; }

    public int RedisPort { get; }

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("not connected");

    /// <summary>Runs `up` (skips where redis-server or bash is missing) and connects the client.</summary>
    public static Task<ScriptCluster> UpAsync(params string[] extraSiloArgs) => UpAsync(new ScriptCluster(extraSiloArgs));

    /// <summary>
    /// Runs `up` for <paramref name="silos"/> silos under <paramref name="clusterId"/> with more script settings
    /// (<paramref name="settings"/>, NAME=VALUE, e.g. CPU_QUOTA=0.5) and connects the client.
    /// </summary>
    public static Task<ScriptCluster> UpAsync(int silos, string clusterId, IReadOnlyList<string> settings, params string[] extraSiloArgs) =>
        UpAsync(new ScriptCluster(extraSiloArgs, silos, clusterId, settings));

    /// <summary>Runs the script with this cluster's settings and <paramref name="extra"/> ones; its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> TryRunAsync(string command, params string[] extra) =>
        Tool.RunAsync("env", [.. _environment, .. extra, "bash", Repository.File("deploy/local-cluster.sh"), command], ScriptDeadline);

    private static async Task<ScriptCluster> UpAsync(ScriptCluster cluster)
    {
        Requirements.RedisServer();
        Tool.Require("bash", "bash not found: apt-get install -y bash");
        try
        {
            await cluster.RunAsync("up");
            await cluster.ConnectAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the script with this cluster's settings; fails the test with its output unless it exits 0.</summary>
    public async Task<string> RunAsync(string command)
    {
        var (exitCode, output) = await Tool.RunAsync(
            "env", [.. _environment, "bash", Repository.File("deploy/local-cluster.sh"), command], ScriptDeadline);
        Assert.True(exitCode == 0, $"local-cluster.sh {command} exited {exitCode}:\n{output}");
        return output;
    }

    /// <summary>The PID in a pid file of the state directory (redis, silo-0, …), or null when there is none.</summary>
    public int? Pid(string name)
    {
        var file = Path.Combine(State, name + ".pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>kill -9 of the redis-server the script started, then waits until it is gone.</summary>
    public async Task KillRedisAsync()
    {
        var pid = Pid("redis") ?? throw new InvalidOperationException("no redis.pid");
        Assert.Contains("redis-server", CommandLine(pid), StringComparison.Ordinal);
        Signals.Send(pid, "KILL");
        await Poll.UntilAsync($"redis-server (pid {pid}) to exit after kill -9", TimeSpan.FromSeconds(30),
            () => Task.FromResult(CommandLine(pid).Contains("redis-server", StringComparison.Ordinal) ? null : "gone"));
    }

    /// <summary>Every silo log of the state directory, restarts included.</summary>
    public string SiloLogs() =>
        string.Join('\n', Enumerable.Range(0, Silos).Select(i => Path.Combine(State, $"silo-{i}.log")).Where(File.Exists).Select(File.ReadAllText));

    /// <summary>The active silos' names in Redis membership, read from Redis itself (no gateway needed).</summary>
    public async Task<string[]> ActiveSilosInRedisAsync()
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{RedisPort},abortConnect=false,connectTimeout=2000");
            var rows = await redis.GetDatabase().HashGetAllAsync($"{ProcessCluster.ServiceId}/members/{Id}");
            return [.. rows.Where(r => r.Name != "Version" && r.Value.ToString().Contains("\"Status\":3", StringComparison.Ordinal))
                .Select(r => System.Text.RegularExpressions.Regex.Match(r.Value.ToString(), "\"SiloName\":\"([^\"]*)\"").Groups[1].Value)
                .Order(StringComparer.Ordinal)];
        }
        catch (RedisException)
        {
            return [];
        }
    }

    /// <summary>Drops the client and connects a new one through Redis membership.</summary>
    public async Task ConnectAsync()
    {
        if (_client is not null)
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _client.StopAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
            {
                // The cluster it knew is gone.
            }

            _client.Dispose();
            _client = null;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse($"127.0.0.1:{RedisPort}"));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = Id;
                o.ServiceId = ProcessCluster.ServiceId;
            });
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        _client = host;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        try
        {
            await Tool.RunAsync("env", [.. _environment, "bash", Repository.File("deploy/local-cluster.sh"), "down"], ScriptDeadline);
        }
        finally
        {
            foreach (var name in Directory.GetFiles(State, "*.pid").Select(Path.GetFileNameWithoutExtension))
            {
                if (Pid(name!) is { } pid && CommandLine(pid) is var line && (line.Contains("SerialCluster.Silo", StringComparison.Ordinal)
                    || line.Contains("redis-server", StringComparison.Ordinal) || line.Contains("local-cluster.sh", StringComparison.Ordinal)))
                {
                    Signals.Send(pid, "KILL");
                }
            }

            Directory.Delete(State, recursive: true);
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>The first of <paramref name="count"/> consecutive loopback ports that are free now.</summary>
    private static int ConsecutiveFreePorts(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = FreePorts.Take(1)[0];
            if (first + count <= 65535 && Enumerable.Range(first + 1, count - 1).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"found no {count} consecutive free ports");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
