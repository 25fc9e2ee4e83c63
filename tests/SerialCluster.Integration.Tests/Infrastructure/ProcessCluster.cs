using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;
using StackExchange.Redis;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// A SerialCluster of real processes: a redis-server of its own, silo processes joined through it, and an
/// Orleans client in this process connected through Redis membership. Dispose kills every process by PID.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string ServiceId = "serialcluster";
    public static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan MembershipDeadline = TimeSpan.FromSeconds(30);

    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<SiloProcess, SiloSpec> _specs = [];
    private IHost? _client;

    private ProcessCluster(RedisServer redis)
    {
        Redis = redis;
        ClusterId = "it-" + Guid.NewGuid().ToString("N")[..8];
    }

    public RedisServer Redis { get; }

    public string ClusterId { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("ConnectAsync first");

    /// <summary>Starts Redis; skips the test where redis-server is not installed.</summary>
    public static async Task<ProcessCluster> CreateAsync() => new(await RedisServer.StartAsync());

    /// <summary>Starts silos at once (they join in parallel) and waits until each says it is active.</summary>
    public async Task<IReadOnlyList<SiloProcess>> StartSilosAsync(params SiloSpec[] specs)
    {
        var started = specs.Select(s => SiloProcess.Start(s.Name, ClusterId, Redis, s.Settings, s.Cpus)).ToList();
        _silos.AddRange(started);
        foreach (var (silo, spec) in started.Zip(specs))
        {
            _specs[silo] = spec;
        }

        await Task.WhenAll(started.Select(s => s.WaitUntilActiveAsync()));
        return started;
    }

    /// <summary>Starts a new process for a silo that was killed or stopped: same name and settings, new ports.</summary>
    public async Task<SiloProcess> RestartAsync(SiloProcess old)
    {
        var spec = _specs[old];
        var started = await StartSilosAsync(spec);
        return started[0];
    }

    /// <summary>The live silo process listening on <paramref name="silo"/>'s port.</summary>
    public SiloProcess ProcessOf(SiloAddress silo) =>
        _silos.Last(s => s.SiloPort == silo.Endpoint.Port);

    /// <summary>The silo process where <paramref name="grain"/> is active now, or null when it is not active.</summary>
    public async Task<SiloProcess?> WhereIsAsync(IAddressable grain)
    {
        var address = await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return address is null ? null : _silos.LastOrDefault(s => s.SiloPort == address.Endpoint.Port && !s.HasExited);
    }

    /// <summary>Drops the client (after the whole cluster stopped) and connects a new one.</summary>
    public async Task ReconnectAsync()
    {
        if (_client is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _client.StopAsync(timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
            {
                // The cluster it knew is gone.
            }

            _client.Dispose();
            _client = null;
        }

        await ConnectAsync();
    }

    /// <summary>Connects the client through Redis membership: it finds the gateways there.</summary>
    public async Task ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(Redis.ConnectionString));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ServiceId;
            });
        });
        _client = builder.Build();
        using var timeout = new CancellationTokenSource(MembershipDeadline);
        await _client.StartAsync(timeout.Token);
    }

    /// <summary>Waits until the cluster's membership lists exactly these silos as active, and returns their entries.</summary>
    public async Task<MembershipEntry[]> WaitForActiveSilosAsync(params string[] names)
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        var expected = names.Order(StringComparer.Ordinal).ToArray();
        return await Poll.UntilAsync(
            $"membership to list exactly {string.Join(", ", expected)} as active",
            MembershipDeadline,
            async () =>
            {
                var active = await management.GetDetailedHosts(onlyActive: true);
                var seen = active.Select(e => e.SiloName).Order(StringComparer.Ordinal);
                return seen.SequenceEqual(expected, StringComparer.Ordinal) ? active : null;
            });
    }

    /// <summary>What each active silo reports about itself (role, calibration, load), by silo name.</summary>
    public async Task<Dictionary<string, SiloCapacity>> ReadCapacitiesAsync(IEnumerable<MembershipEntry> silos)
    {
        var capacities = await Task.WhenAll(silos.Select(s => Client.GetGrain<IWorkerGrain>(SiloKey.Format(s.SiloAddress, "worker")).GetCapacityAsync()));
        return capacities.ToDictionary(c => c.Silo, StringComparer.Ordinal);
    }

    /// <summary>Runs a job to completion (deadline <see cref="JobDeadline"/>) and returns its final status.</summary>
    public async Task<JobStatus> RunJobAsync(string workload, Dictionary<string, string> parameters, JobMode mode, int parallelism)
    {
        var job = Client.GetGrain<IJobGrain>("it-" + Guid.NewGuid().ToString("N"));
        var status = await job.SubmitAsync(new JobSpec(workload, parameters, mode, parallelism));
        var clock = Stopwatch.StartNew();
        while (!status.IsFinished)
        {
            if (clock.Elapsed > JobDeadline)
            {
                throw new TimeoutException(
                    $"job {workload} ({mode}, P={parallelism}) did not finish within {JobDeadline}; last status {status.State} " +
                    $"{status.UnitsDone}/{status.UnitsTotal}");
            }

            await Task.Delay(20);
            status = await job.GetStatusAsync();
        }

        Assert.True(status.State == JobState.Completed, $"job {workload} ({mode}, P={parallelism}) ended {status.State}: {status.Error}");
        return status;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _client.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // The silos are killed next anyway.
            }

            _client.Dispose();
        }

        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        Redis.Dispose();
    }
}
