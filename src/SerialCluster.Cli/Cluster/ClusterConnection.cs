using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SerialCluster.Cli.Commands;
using SerialCluster.Cli.Forwarding;
using SerialCluster.Cli.Infrastructure;
using SerialCluster.Cli.Jobs;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Cli.Local;
using SerialCluster.Grains.Security;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// A client connected to a cluster: the embedded one (started here and stopped on dispose; its first silo's own client)
/// or a running one through its gateway, or, in a command server, that server's client (borrowed).
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private static readonly TimeSpan EmbeddedConnectTimeout = TimeSpan.FromSeconds(ClusterSettings.DefaultConnectTimeoutSeconds);

    private static readonly TimeSpan EmbeddedCalibrationDeadline = TimeSpan.FromSeconds(20);

    /// <summary>The least wait for a retry through a forwarded gateway: a silo that already answered answers again at once.</summary>
    private static readonly TimeSpan MinimumRetry = TimeSpan.FromSeconds(5);

    /// <summary>The Orleans client host this connection started; null where it uses an embedded silo's own client.</summary>
    private readonly IHost? _client;
    private readonly EmbeddedCluster? _embedded;
    private readonly bool _ownsClient;

    private ClusterConnection(IHost client, EmbeddedCluster? embedded, string description, bool ownsClient = true)
        : this(client.Services.GetRequiredService<IClusterClient>(), embedded, description, ownsClient)
    {
        _client = client;
        Hint = client.Services.GetService<ConnectionHint>() ?? ConnectionHint.None;
    }

    private ClusterConnection(IClusterClient client, EmbeddedCluster? embedded, string description, bool ownsClient = true)
    {
        Client = client;
        _embedded = embedded;
        _ownsClient = ownsClient;
        Description = description;
    }

    /// <summary>The commands a message suggests, with the connection options this command was given.</summary>
    public ConnectionHint Hint { get; } = ConnectionHint.None;

    public IClusterClient Client { get; }

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
            return await RedisConnect.OpenAsync(settings, redis, tls, say, cancellationToken);
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
            // The silos are in this process: unless the layout asks for the gateways, the first silo's own client reaches
            // them with no client to start (a seventh of a one-shot command's start-up) and calls the same grains.
            var host = layout.ClientThroughGateways
                ? await ClientHost.StartAsync(
                    c => c.UseLocalhostClustering([.. embedded.GatewayPorts], EmbeddedCluster.ServiceId, embedded.Id),
                    new ConnectTarget("the embedded cluster", embedded.Id, Tls: null, verbose, EmbeddedConnectTimeout),
                    cancellationToken)
                : null;
            var client = host?.Services.GetRequiredService<IClusterClient>() ?? embedded.SiloServices[0].GetRequiredService<IClusterClient>();
            StartupTimeline.Mark(host is null ? "the first silo's own client taken" : "the Orleans client started");
            // Fresh silos measure themselves in their first second; jobs placed before that would go to the
            // fallback silo and compete with the measurement, so the embedded cluster is ready only after it.
            await ClusterSurvey.WaitForCalibrationAsync(client, EmbeddedCalibrationDeadline, say, cancellationToken);
            StartupTimeline.Mark("every silo calibrated");
            foreach (var problem in await JobPathWarmup.RunAsync(client, cancellationToken))
            {
                say($"warning: {problem}");
            }

            StartupTimeline.Mark($"the job path warmed ({JobPathWarmup.JobCount} tiny jobs)");
            var description = $"embedded cluster ({layout.Silos} silos in this process)";
            return host is null ? new ClusterConnection(client, embedded, description) : new ClusterConnection(host, embedded, description);
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

    /// <summary>A connection through the client host <paramref name="client"/> started, stopped on dispose.</summary>
    internal static ClusterConnection Started(IHost client, string description) => new(client, embedded: null, description);

    /// <summary>This connection's client for a command the command server runs; disposing what it returns leaves the client running.</summary>
    public ClusterConnection Borrow(string description) => new(Client, embedded: null, description, ownsClient: false);

    public async ValueTask DisposeAsync()
    {
        if (!_ownsClient)
        {
            return;
        }

        if (_client is not null)
        {
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
        }

        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
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
