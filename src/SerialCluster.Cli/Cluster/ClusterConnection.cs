using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using SerialCluster.Cli.Commands;
using SerialCluster.Cli.Forwarding;
using SerialCluster.Cli.Infrastructure;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Cli.Local;
using SerialCluster.Grains.Security;
using StackExchange.Redis;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// A client connected to a cluster: the embedded one (started here and stopped on dispose) or a running one
/// through its gateway. Either way the job goes through a real gateway connection.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan EmbeddedConnectTimeout = TimeSpan.FromSeconds(ClusterSettings.DefaultConnectTimeoutSeconds);

    /// <summary>How often a client re-reads the live gateways from Redis, so it finds replaced silos in seconds.</summary>
    private static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EmbeddedCalibrationDeadline = TimeSpan.FromSeconds(20);

    /// <summary>The least wait for a retry through a forwarded gateway: a silo that already answered answers again at once.</summary>
    private static readonly TimeSpan MinimumRetry = TimeSpan.FromSeconds(5);

    private readonly IHost _client;
    private readonly EmbeddedCluster? _embedded;
    private readonly bool _ownsClient;

    private ClusterConnection(IHost client, EmbeddedCluster? embedded, string description, bool ownsClient = true)
    {
        _client = client;
        _embedded = embedded;
        _ownsClient = ownsClient;
        Description = description;
        Hint = client.Services.GetService<ConnectionHint>() ?? ConnectionHint.None;
    }

    /// <summary>The commands a message suggests, with the connection options this command was given.</summary>
    public ConnectionHint Hint { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    /// <summary>Where the jobs run, in words.</summary>
    public string Description { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>The embedded cluster this connection started; null when connected to a running one.</summary>
    public EmbeddedCluster? Embedded => _embedded;

    /// <summary>
    /// Connects to the running cluster the settings name, or the local one <c>serialcluster up</c> started; where there is
    /// none, for a command whose subject lives only on a running cluster (stored jobs), fails at once with one line
    /// instead of starting an empty embedded cluster.
    /// </summary>
    public static Task<ClusterConnection> OpenRunningAsync(ClusterSettings settings, Action<string> say, CancellationToken cancellationToken) =>
        OpenAsync(
            settings,
            say,
            "jobs live on a running cluster: start one with `serialcluster up`, or give --gateway or --redis "
                + $"(or set {ClusterSettings.GatewayEnvironmentVariable} or {ClusterSettings.RedisEnvironmentVariable})",
            cancellationToken);

    public static Task<ClusterConnection> OpenAsync(ClusterSettings settings, Action<string> say, CancellationToken cancellationToken) =>
        OpenAsync(settings, say, embeddedRefusal: null, cancellationToken);

    /// <summary>
    /// Connects to a cluster, in this order: the one <c>--gateway</c>/<c>--redis</c> or their variables name; else the
    /// local cluster <c>serialcluster up</c> started, if it runs (not with <c>--embedded</c> or <c>--metrics-port</c>);
    /// else an embedded cluster in this process — or, where <paramref name="embeddedRefusal"/> is given, that error (exit 2).
    /// </summary>
    public static async Task<ClusterConnection> OpenAsync(
        ClusterSettings settings, Action<string> say, string? embeddedRefusal, CancellationToken cancellationToken)
    {
        // A command the local cluster's command server runs names no other cluster (ForwardingRules): it uses the server's client.
        if (ServedInvocation.Current is { } served)
        {
            StartupTimeline.Mark("the local cluster's client borrowed (its host's own, started at `up`)");
            return served.Borrow();
        }

        var tls = LoadTls(settings);
        var redis = settings.EffectiveRedis;
        if (redis is not null)
        {
            return await OpenThroughRedisAsync(settings, redis, tls, say, cancellationToken);
        }

        var gateway = settings.EffectiveGateway;
        if (gateway is null)
        {
            var local = settings.WantsEmbedded ? null : await LocalClusterDiscovery.FindRunningAsync(say, cancellationToken);
            StartupTimeline.Mark(local is null ? "no local cluster found" : "the local cluster found and checked");
            if (local is not null)
            {
                return await OpenLocalAsync(settings, local, say, cancellationToken);
            }

            return embeddedRefusal is not null
                ? throw new CliException(ExitCodes.Usage, embeddedRefusal)
                : await OpenEmbeddedAsync(settings.Silos, settings.Verbose, settings.MetricsPort, say, cancellationToken);
        }

        var endpoint = GatewayAddress.Resolve(gateway);
        await ListenerProbe.GatewayAsync(gateway, endpoint, cancellationToken);
        var clusterId = settings.EffectiveClusterId;
        var description = $"cluster '{clusterId}' via gateway {gateway}";
        var hint = new ConnectionHint(settings.ConnectionOptions);
        var target = new ConnectTarget($"gateway {gateway}", clusterId, tls, settings.Verbose, settings.ConnectTimeout)
        {
            Gateway = endpoint,
            Hint = hint,
            Loss = new GatewayLoss(description, canReconnect: false, hint, say),
        };
        var clock = Stopwatch.StartNew();
        try
        {
            var remote = await ClientHost.StartAsync(
                c => ClientHost.ConfigureGateway(c, c => c.UseStaticClustering(endpoint), clusterId, tls), target, cancellationToken);
            return new ClusterConnection(remote, null, description);
        }
        catch (GatewayForwardedException forwarded)
        {
            var silo = forwarded.Silo;
            var tried = new List<IPEndPoint>();
            foreach (var name in ForwardedGateway.Candidates(silo, endpoint))
            {
                tried.Add(name);
                var remaining = target.Timeout - clock.Elapsed;
                try
                {
                    var remote = await ClientHost.StartAsync(
                        c => ClientHost.ConfigureGateway(c, c => c.UseForwardedGateway(name, endpoint), clusterId, tls),
                        target with { Timeout = remaining > MinimumRetry ? remaining : MinimumRetry },
                        cancellationToken);
                    var connection = new ClusterConnection(remote, null, description);
                    say(await ForwardedGateway.DescribeAsync(connection.Client, gateway, silo, name, cancellationToken));
                    return connection;
                }
                catch (GatewayForwardedException)
                {
                    // Not its gateway's address either: the next guess, or the rule.
                }
            }

            throw new CliException(
                ExitCodes.GatewayUnreachable, $"cannot connect to gateway {gateway}: {ForwardedGateway.Refused(gateway, silo, tried)}", forwarded);
        }
    }

    /// <summary>Starts an embedded cluster of <paramref name="silos"/> silos in this process and connects a client through its gateways.</summary>
    public static Task<ClusterConnection> OpenEmbeddedAsync(int silos, bool verbose, Action<string> say, CancellationToken cancellationToken) =>
        OpenEmbeddedAsync(silos, verbose, metricsPort: null, say, cancellationToken);

    /// <summary>As above, serving the cluster's Prometheus metrics on loopback port <paramref name="metricsPort"/> unless it is null.</summary>
    public static Task<ClusterConnection> OpenEmbeddedAsync(
        int silos, bool verbose, int? metricsPort, Action<string> say, CancellationToken cancellationToken) =>
        OpenEmbeddedAsync(new EmbeddedClusterLayout(silos) { MetricsPort = metricsPort }, verbose, say, cancellationToken);

    /// <summary>Starts the embedded cluster <paramref name="layout"/> describes in this process and connects a client through its gateways.</summary>
    public static async Task<ClusterConnection> OpenEmbeddedAsync(
        EmbeddedClusterLayout layout, bool verbose, Action<string> say, CancellationToken cancellationToken)
    {
        say($"starting an embedded cluster of {layout.Silos} silo(s) on loopback…");
        var embedded = await EmbeddedCluster.StartAsync(layout, verbose, cancellationToken);
        if (embedded.MetricsUrl is { } url)
        {
            say($"serving Prometheus metrics at {url}");
        }

        try
        {
            var client = await ClientHost.StartAsync(
                c => c.UseLocalhostClustering([.. embedded.GatewayPorts], EmbeddedCluster.ServiceId, embedded.Id),
                new ConnectTarget("the embedded cluster", embedded.Id, Tls: null, verbose, EmbeddedConnectTimeout),
                cancellationToken);
            StartupTimeline.Mark("the Orleans client started");
            // Fresh silos measure themselves in their first second; jobs placed before that would go to the
            // fallback silo and compete with the measurement, so the embedded cluster is ready only after it.
            await ClusterSurvey.WaitForCalibrationAsync(
                client.Services.GetRequiredService<IClusterClient>(), EmbeddedCalibrationDeadline, say, cancellationToken);
            StartupTimeline.Mark("every silo calibrated");
            foreach (var problem in await JobPathWarmup.RunAsync(client.Services.GetRequiredService<IClusterClient>(), cancellationToken))
            {
                say($"warning: {problem}");
            }

            StartupTimeline.Mark($"the job path warmed ({JobPathWarmup.JobCount} tiny jobs)");
            return new ClusterConnection(client, embedded, $"embedded cluster ({layout.Silos} silos in this process)");
        }
        catch
        {
            await embedded.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The local cluster <c>serialcluster up</c> started, through every gateway its state file lists: no probe and no
    /// membership read first, since its host was just checked and answers on loopback.
    /// </summary>
    private static async Task<ClusterConnection> OpenLocalAsync(
        ClusterSettings settings, LocalClusterState local, Action<string> say, CancellationToken cancellationToken)
    {
        var description = $"local cluster '{local.ClusterId}' (`serialcluster up`, pid {local.Pid}, gateways {local.Gateways})";
        var client = await ClientHost.StartAsync(
            c =>
            {
                c.UseStaticClustering([.. local.Silos.Select(s => new IPEndPoint(IPAddress.Loopback, s.GatewayPort))]);
                c.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = local.ClusterId;
                    o.ServiceId = local.ServiceId;
                });
            },
            new ConnectTarget($"the local cluster (gateways {local.Gateways})", local.ClusterId, Tls: null, settings.Verbose, settings.ConnectTimeout)
            {
                Loss = new GatewayLoss(description, canReconnect: false, ConnectionHint.None, say),
            },
            cancellationToken);
        StartupTimeline.Mark("the Orleans client started");
        return new ClusterConnection(client, null, description);
    }

    /// <summary>This connection's client for a command the command server runs; disposing what it returns leaves the client running.</summary>
    public ClusterConnection Borrow(string description) => new(_client, embedded: null, description, ownsClient: false);

    public async ValueTask DisposeAsync()
    {
        if (!_ownsClient)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _client.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Closing the process closes the connection anyway.
        }

        _client.Dispose();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
    }

    /// <summary>Through Redis membership: the client reads the cluster's live gateways from Redis and uses any of them.</summary>
    private static async Task<ClusterConnection> OpenThroughRedisAsync(
        ClusterSettings settings, string redis, TlsMaterial? tls, Action<string> say, CancellationToken cancellationToken)
    {
        ConfigurationOptions redisOptions;
        try
        {
            redisOptions = ConfigurationOptions.Parse(redis);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--redis '{redis}' is not HOST:PORT (or a Redis configuration string): {e.Message}", e);
        }

        if (redisOptions.EndPoints.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, $"--redis '{redis}' is not HOST:PORT; e.g. --redis 127.0.0.1:6379");
        }

        await ListenerProbe.RedisAsync(redis, redisOptions, cancellationToken);
        var clusterId = settings.EffectiveClusterId;
        await RedisMembership.CheckAsync(redis, redisOptions, clusterId, cancellationToken);
        var description = $"cluster '{clusterId}' via Redis membership at {redis}";
        var hint = new ConnectionHint(settings.ConnectionOptions);
        var client = await ClientHost.StartAsync(
            c =>
            {
                c.UseRedisClustering(o => o.ConfigurationOptions = redisOptions);
                c.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
                c.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = EmbeddedCluster.ServiceId;
                });
                ClientHost.UseTls(c, tls);
            },
            new ConnectTarget($"cluster '{clusterId}' through Redis at {redis}", clusterId, tls, settings.Verbose, settings.ConnectTimeout)
            {
                Silence = $"no live gateway of cluster '{clusterId}' answered (are its silos running, and is it their cluster id?)",
                Hint = hint,
                Loss = new GatewayLoss(description, canReconnect: true, hint, say),
            },
            cancellationToken);
        return new ClusterConnection(client, null, description);
    }

    /// <summary>The client's certificate and the cluster CA, checked before any connection so a wrong file is named at once.</summary>
    private static TlsMaterial? LoadTls(ClusterSettings settings)
    {
        if (settings.EffectiveTls is not { } files)
        {
            return null;
        }

        try
        {
            return TlsMaterial.Load(files, asServer: false);
        }
        catch (TlsConfigurationException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message, e);
        }
    }
}
