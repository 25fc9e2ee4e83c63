using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace SerialCluster.Cli.Cluster;

/// <summary>
/// Asks a gateway that closed a plain connection during the handshake whether it speaks TLS: it then shows a
/// certificate to a TLS client hello. A plain gateway closes on a wrong cluster id too, often before its own answer
/// (which names its cluster id) reaches the client, so this is how the two are told apart.
/// </summary>
public static class GatewayTlsProbe
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>True when the gateway at <paramref name="endpoint"/> answered a TLS client hello with a certificate.</summary>
    public static async Task<bool> SpeaksTlsAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Wait);
        var sawCertificate = false;
        try
        {
            using var tcp = new TcpClient(endpoint.AddressFamily);
            await tcp.ConnectAsync(endpoint, timeout.Token);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = endpoint.Address.ToString(),
                    // Nothing is sent over this connection: any certificate only proves the gateway speaks TLS.
                    RemoteCertificateValidationCallback = (_, _, _, _) => sawCertificate = true,
                },
                timeout.Token);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException
            && !cancellationToken.IsCancellationRequested)
        {
            return sawCertificate;
        }
    }
}
