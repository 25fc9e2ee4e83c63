using SerialCluster.Cli.Cluster;
using SerialCluster.Cli.Forwarding;
using SerialCluster.Cli.Infrastructure;
using SerialCluster.Cli.Local;
using SerialCluster.Cli.Output;
using Spectre.Console.Cli;
using StackExchange.Redis;

namespace SerialCluster.Cli.Commands;

/// <summary>
/// <c>serialcluster serve</c> (hidden): the local cluster's host process that <c>up</c> starts. It runs the embedded
/// cluster's silos, writes the state file once a client of its own got through their gateways, and on SIGTERM removes
/// the state file and stops the silos gracefully.
/// </summary>
public sealed class ServeCommand(ConsoleStreams console) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        UnixProcess.LeaveTerminalSession();
        var paths = new LocalClusterPaths(Path.GetFullPath(settings.StateDirectory));
        // Clients connect through the gateways: the host's own client goes that way too, so they are proven before `up` returns.
        var layout = settings.Layout() with { ClientThroughGateways = true };
        if (layout.GatewayPortBase is { } gatewayPortBase)
        {
            LocalPorts.EnsureGatewaysFree(gatewayPortBase, layout.Silos);
        }

        if (layout.Redis is { } redis)
        {
            await ListenerProbe.RedisAsync(redis, ParseRedis(redis), cancellationToken);
        }

        var startedAt = DateTimeOffset.UtcNow;
        await using var connection = await ClusterConnection.OpenEmbeddedAsync(layout, settings.Verbose, console.Say, cancellationToken);
        var embedded = connection.Embedded!;
        var state = new LocalClusterState(
            LocalClusterState.CurrentFormat,
            Environment.ProcessId,
            UnixProcess.CurrentStartTicks,
            embedded.Id,
            EmbeddedCluster.ServiceId,
            [.. Enumerable.Range(0, layout.Silos).Select(i => new LocalSiloEndpoint($"silo-{i}", embedded.SiloPorts[i], embedded.GatewayPorts[i]))],
            layout.Redis,
            embedded.MetricsUrl,
            startedAt,
            paths.LogFile,
            BuildVersion.Describe());
        // The command server listens before the state file names the cluster: a command that finds the file finds the server.
        var served = $"local cluster '{state.ClusterId}' (`serialcluster up`, pid {state.Pid}, gateways {state.Gateways}; run in its host)";
        await using var commands = CommandServer.Start(paths.CommandSocket, () => connection.Borrow(served), console.Say);
        LocalClusterStateFile.Write(paths, state);
        console.Say($"local cluster '{state.ClusterId}' accepts jobs: pid {state.Pid}, gateways {state.Gateways}, jobs {state.Storage}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM (`serialcluster down`), SIGINT or SIGHUP: the normal way for this host to end.
        }

        // The state file goes first, so no command starts using silos that are leaving.
        LocalClusterStateFile.Delete(paths, Environment.ProcessId);
        console.Say($"stopping local cluster '{state.ClusterId}'…");
        return ExitCodes.Success;
    }

    private static ConfigurationOptions ParseRedis(string redis)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(redis);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--redis '{redis}' is not HOST:PORT (or a Redis configuration string): {e.Message}", e);
        }

        return options.EndPoints.Count > 0
            ? options
            : throw new CliException(ExitCodes.Usage, $"--redis '{redis}' is not HOST:PORT; e.g. --redis 127.0.0.1:6379");
    }
}
