using System.Globalization;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// One SerialCluster silo as its own process (<c>dotnet SerialCluster.Silo.dll</c>, built beside these tests),
/// with Redis membership, its own ports, optionally pinned to CPUs with taskset. Killed by PID on dispose.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly ChildProcess _process;

    private SiloProcess(string name, ChildProcess process, int siloPort, int gatewayPort)
    {
        Name = name;
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int Pid => _process.Pid;

    /// <summary>Where the silo's dll is: copied into this test assembly's output by the project reference.</summary>
    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "SerialCluster.Silo.dll");

    /// <summary>Starts the silo and returns at once; <see cref="WaitUntilActiveAsync"/> waits for it to join.</summary>
    public static SiloProcess Start(string name, string clusterId, RedisServer redis, IEnumerable<string>? settings = null, string? cpus = null)
    {
        var ports = FreePorts.Take(2);
        var arguments = new List<string>();
        var program = "dotnet";
        if (cpus is not null)
        {
            program = Requirements.Taskset();
            arguments.AddRange(["-c", cpus, "dotnet"]);
        }

        arguments.Add(SiloDll);
        arguments.AddRange(Setting("Name", name));
        arguments.AddRange(Setting("ClusterId", clusterId));
        arguments.AddRange(Setting("Clustering", "redis"));
        arguments.AddRange(Setting("RedisConnectionString", redis.ConnectionString));
        arguments.AddRange(Setting("AdvertisedIPAddress", "127.0.0.1"));
        arguments.AddRange(Setting("SiloPort", ports[0].ToString(CultureInfo.InvariantCulture)));
        arguments.AddRange(Setting("GatewayPort", ports[1].ToString(CultureInfo.InvariantCulture)));
        // Silos share this machine: none serves metrics unless a test gives it a port of its own (later settings win).
        arguments.AddRange(Setting("MetricsPort", "0"));
        arguments.AddRange(settings ?? []);
        var process = ChildProcess.Start(name, program, arguments, AppContext.BaseDirectory);
        return new SiloProcess(name, process, ports[0], ports[1]);
    }

    /// <summary><c>--SerialCluster:Silo:{key}={value}</c>, the silo host's configuration on its command line.</summary>
    public static string[] Setting(string key, string value) => [$"--SerialCluster:Silo:{key}={value}"];

    /// <summary>Waits for the silo host's own "is active" line: printed once Orleans has joined the cluster.</summary>
    public Task WaitUntilActiveAsync() => _process.WaitForLineAsync($"Silo {Name} is active in cluster", StartDeadline);

    public string Output() => _process.Output();

    public bool HasExited => _process.HasExited;

    /// <summary>kill -9: the process dies at once, leaving no word to the cluster.</summary>
    public void Kill() => Signals.Send(Pid, "KILL");

    /// <summary>SIGTERM: the silo leaves the cluster gracefully and exits.</summary>
    public void Terminate() => Signals.Send(Pid, "TERM");

    /// <summary>SIGSTOP: the process freezes, sockets open, until <see cref="Continue"/>.</summary>
    public void Freeze() => Signals.Send(Pid, "STOP");

    public void Continue() => Signals.Send(Pid, "CONT");

    public Task<int> WaitForExitAsync(TimeSpan deadline) => _process.WaitForExitAsync(deadline);

    /// <summary>Waits until the process has printed a line containing <paramref name="text"/>.</summary>
    public Task WaitForLineAsync(string text, TimeSpan deadline) => _process.WaitForLineAsync(text, deadline);

    public void Dispose() => _process.Dispose();
}
