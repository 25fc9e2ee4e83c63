using System.Net;
using Microsoft.AspNetCore.Connections;

namespace SerialCluster.Cli.Cluster;

/// <summary>Orleans' client transport, connecting to <paramref name="dialled"/> whenever it is asked for <paramref name="named"/>.</summary>
public sealed class RedirectingConnectionFactory(IConnectionFactory inner, IPEndPoint named, IPEndPoint dialled) : IConnectionFactory
{
    public ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        inner.ConnectAsync(named.Equals(endpoint) ? dialled : endpoint, cancellationToken);
}
