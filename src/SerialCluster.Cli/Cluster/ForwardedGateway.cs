using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using SerialCluster.Hosting;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Reaches a gateway through a port forwarded from another port (Docker <c>127.0.0.1:30001:30000</c>, <c>ssh -L 30001:…:30000</c>).
/// A silo serves a client's system-target calls (the cluster manifest) only when they name its gateway address, or a loopback one
/// with its gateway port. So the client names the gateway by the silo's IP (from its handshake) and a likely gateway port, and
/// dials the forward for that name; a wrong guess is rejected the same way, at once.
/// </summary>
public static class ForwardedGateway
{
    /// <summary>The rule that makes a forward work for every client, this one and Orleans' own.</summary>
    public const string Rule =
        "publish/forward the gateway port unchanged: host port = gateway port (e.g. 127.0.0.1:30001:30001 with SerialCluster__Silo__GatewayPort=30001)";

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The gateway addresses <paramref name="silo"/> may have: its IP with the dialled port (a forward that kept the
    /// port but not the address), then with the silos' default gateway port; never the address that already failed.
    /// </summary>
    public static IReadOnlyList<IPEndPoint> Candidates(SiloAddress silo, IPEndPoint dialled) =>
    [
        .. new[] { dialled.Port, SiloHostOptions.DefaultGatewayPort }
            .Distinct()
            .Select(port => new IPEndPoint(silo.Endpoint.Address, port))
            .Where(candidate => !candidate.Equals(dialled)),
    ];

    /// <summary>Names the one gateway <paramref name="name"/> and makes every connection to it go to <paramref name="dialled"/>.</summary>
    public static IClientBuilder UseForwardedGateway(this IClientBuilder client, IPEndPoint name, IPEndPoint dialled)
    {
        client.UseStaticClustering(name);
        // Orleans registers its client transport under a key of its own; it is decorated, not replaced.
        var transport = client.Services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IConnectionFactory));
        var create = transport.KeyedImplementationFactory
            ?? throw new InvalidOperationException("Orleans' client transport is not registered by a factory: a forwarded gateway cannot be reached");
        client.Services.AddKeyedSingleton<IConnectionFactory>(
            transport.ServiceKey,
            (services, key) => new RedirectingConnectionFactory((IConnectionFactory)create(services, key), name, dialled));
        return client;
    }

    /// <summary>Why no client could use the forward, in one line: the address dialled, the silo that answered, the ports tried, the rule.</summary>
    public static string Refused(string gateway, SiloAddress silo, IReadOnlyList<IPEndPoint> tried) =>
        $"a silo ({silo.Endpoint}) answered at {gateway}, but that is not its gateway's address, so it rejected this client's calls "
            + (tried.Count == 0 ? string.Empty : $"(nor is its gateway at {string.Join(" or ", tried)}) ")
            + $"— {gateway} is a port forwarded from another port: {Rule}";

    /// <summary>One line for stderr: the address dialled, the silo behind it and its gateway port (from membership, when it answers).</summary>
    public static async Task<string> DescribeAsync(
        IClusterClient client, string gateway, SiloAddress silo, IPEndPoint name, CancellationToken cancellationToken)
    {
        var port = name.Port;
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).WaitAsync(AnswerTimeout, cancellationToken);
            port = hosts.FirstOrDefault(h => h.SiloAddress.Endpoint.Equals(silo.Endpoint))?.ProxyPort ?? port;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            // The port the connection was named by is the gateway's: the silo took it as its own.
        }

        return $"note: gateway {gateway} is a port forwarded to silo {silo.Endpoint}, whose gateway is at port {port}; connected by naming it "
            + $"{name.Address}:{port} (other Orleans clients cannot: {Rule})";
    }
}
