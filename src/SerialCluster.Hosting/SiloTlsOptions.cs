namespace SerialCluster.Hosting;

/// <summary>
/// Mutual TLS for this silo, section <c>SerialCluster:Silo:Tls</c>: with <see cref="Enabled"/>, every connection to
/// and from the silo (other silos, clients at the gateway) is TLS, and a peer is admitted only with a certificate
/// signed by the CA in <see cref="CaPath"/>. Every silo and client of a cluster must then use TLS.
/// </summary>
public sealed class SiloTlsOptions
{
    public const string SectionName = "Tls";

    public bool Enabled { get; set; }

    /// <summary>This silo's certificate, PEM; it must allow server and client authentication.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key, PEM (PKCS#8 or the algorithm's own form).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The cluster CA's certificate, PEM: peers and clients must present a certificate it signed.</summary>
    public string? CaPath { get; set; }
}
