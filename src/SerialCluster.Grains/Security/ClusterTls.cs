using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace SerialCluster.Grains.Security;

/// <summary>
/// Mutual TLS for every Orleans connection, silo to silo and client to gateway: each side shows a certificate and
/// admits the other only if the cluster's CA signed it. Host names are not checked: silos reach each other by the
/// addresses in membership, and admission rests on the CA alone, so the CA's key is the cluster's secret.
/// </summary>
public static class ClusterTls
{
    /// <summary>Silo to silo and gateway: this silo's certificate, a certificate required of every peer and every client.</summary>
    public static ISiloBuilder UseSerialClusterTls(this ISiloBuilder silo, TlsMaterial material) =>
        silo.UseTls(material.Certificate, options => Configure(options, material));

    /// <summary>Client to gateway: the client's certificate, and the gateway's checked against the same CA.</summary>
    public static IClientBuilder UseSerialClusterTls(this IClientBuilder client, TlsMaterial material) =>
        client.UseTls(material.Certificate, options => Configure(options, material));

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="authority"/> and is valid now.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 authority, out string reason)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var built = chain.Build(certificate);
        var root = chain.ChainElements.Count > 0 ? chain.ChainElements[^1].Certificate : null;
        if (built && root is not null && root.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span))
        {
            reason = string.Empty;
            return true;
        }

        var problems = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct().ToList();
        reason = problems.Count > 0 ? string.Join("; ", problems) : "it does not chain to that CA";
        return false;
    }

    private static void Configure(TlsOptions options, TlsMaterial material)
    {
        options.LocalCertificate = material.Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Replaces the platform's verdict (which knows nothing of a private CA) with the chain to the cluster's CA.
        options.RemoteCertificateValidation = (certificate, _, _) => IsSignedBy(certificate, material.Authority, out _);
    }
}
