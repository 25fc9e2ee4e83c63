using SerialCluster.Cli.Commands;
using SerialCluster.Grains.Security;

namespace SerialCluster.Cli.Cluster;

/// <summary>Why a client was not accepted, in words: another cluster id, a failed TLS handshake, or silence until the time-out.</summary>
public static class ConnectFailureReason
{
    /// <summary>What a refused connection most likely means, with or without TLS on this side.</summary>
    private static string TlsHint(TlsMaterial? tls) =>
        tls is null
            ? "if the cluster requires mutual TLS, give --tls-cert, --tls-key and --tls-ca (a certificate signed by the cluster's CA)"
            : $"the cluster must use mutual TLS with the same CA ('{tls.Authority.Subject}'), "
                + $"and accept this client's certificate ('{tls.Certificate.Subject}')";

    /// <summary>A connection that timed out: what stayed silent, for how long, on how busy a machine, and what to try.</summary>
    private static string TimedOut(string silence, TimeSpan connectTimeout) =>
        $"{silence} within {connectTimeout.TotalSeconds:F0} s (this machine: {LoadAverage.Describe()}; a busy machine may need a longer --connect-timeout)";

    /// <summary>Why the client was not accepted, in words: what the gateway said, else the time-out.</summary>
    public static async Task<string> DescribeAsync(ConnectionFailures failures, ConnectTarget target, Exception e, CancellationToken cancellationToken)
    {
        if (failures.OtherClusterId is { } other)
        {
            return $"a gateway answered, but it belongs to cluster '{other}', not '{target.ClusterId}': give --cluster-id {ConnectionArguments.Quote(other)} "
                + $"(or set {ClusterSettings.ClusterIdEnvironmentVariable})";
        }

        if (failures.TlsFailure is { } tlsFailure)
        {
            return $"the TLS handshake failed ({ClusterFailuresText(tlsFailure)}): {TlsHint(target.Tls)}";
        }

        if (failures.ClosedDuringHandshake && target.Tls is null)
        {
            if (target.Gateway is null || await GatewayTlsProbe.SpeaksTlsAsync(target.Gateway, cancellationToken))
            {
                return $"the gateway requires TLS, and closed this plain connection during the handshake: {TlsHint(target.Tls)}";
            }

            return $"a gateway answered, but closed the connection during the handshake: its cluster id is not '{target.ClusterId}' (give its "
                + $"silos' SerialCluster:Silo:ClusterId as --cluster-id, or set {ClusterSettings.ClusterIdEnvironmentVariable})";
        }

        if (failures.ClosedDuringHandshake)
        {
            return $"a gateway answered, but closed the connection during the handshake: either its cluster id is not '{target.ClusterId}' "
                + $"(give its silos' SerialCluster:Silo:ClusterId as --cluster-id) or the TLS handshake failed ({TlsHint(target.Tls)})";
        }

        return e is OperationCanceledException ? TimedOut(target.Silence, target.Timeout) : e.Message;
    }

    private static string ClusterFailuresText(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return Jobs.ClusterFailures.FirstLine(innermost.Message);
    }
}
