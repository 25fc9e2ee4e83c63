using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SerialCluster.Grains.Security;

/// <summary>
/// A process's loaded TLS identity: its certificate with its private key, and the cluster CA it trusts. Loading checks
/// everything that would otherwise surface later as an opaque handshake failure: the files exist, the key belongs to
/// the certificate, the certificate is valid now and signed by the CA, and it may authenticate as the roles it plays.
/// </summary>
public sealed class TlsMaterial
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private TlsMaterial(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The cluster's CA: a peer is admitted only with a certificate it signed.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>
    /// Loads and checks the files; <paramref name="asServer"/> also requires server authentication (a silo accepts
    /// connections; every process also connects, so client authentication is always required).
    /// </summary>
    /// <exception cref="TlsConfigurationException">A file is missing or wrong; the message names its setting.</exception>
    public static TlsMaterial Load(TlsFiles files, bool asServer)
    {
        RequireFile(files.CertificatePath, files.CertificateSetting);
        RequireFile(files.KeyPath, files.KeySetting);
        RequireFile(files.CaPath, files.CaSetting);

        X509Certificate2 authority;
        try
        {
            authority = X509Certificate2.CreateFromPem(File.ReadAllText(files.CaPath));
        }
        catch (CryptographicException e)
        {
            throw new TlsConfigurationException(files.CaSetting, $"'{files.CaPath}' is not a PEM certificate ({e.Message})");
        }

        X509Certificate2 certificate;
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(files.CertificatePath, files.KeyPath);
            // SslStream wants a key it can use on every platform: round-trip through PKCS#12 rather than keep the ephemeral PEM key.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new TlsConfigurationException(
                files.KeySetting, $"'{files.KeyPath}' is not the PEM private key of the certificate in '{files.CertificatePath}' ({e.Message})");
        }

        if (!ClusterTls.IsSignedBy(certificate, authority, out var reason))
        {
            throw new TlsConfigurationException(
                files.CertificateSetting, $"the certificate in '{files.CertificatePath}' is not valid under the CA in '{files.CaPath}': {reason}");
        }

        RequireUsage(certificate, ClientAuthentication, "client authentication (clientAuth)", files);
        if (asServer)
        {
            RequireUsage(certificate, ServerAuthentication, "server authentication (serverAuth)", files);
        }

        return new TlsMaterial(certificate, authority);
    }

    private static void RequireFile(string path, string setting)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new TlsConfigurationException(setting, "is required when TLS is on (a PEM file; deploy/tls/make-dev-certs.sh makes a development set)");
        }

        if (!File.Exists(path))
        {
            throw new TlsConfigurationException(setting, $"no such file: '{path}'");
        }
    }

    /// <summary>A certificate without the extended key usage extension may be used for anything; with it, the usage must be listed.</summary>
    private static void RequireUsage(X509Certificate2 certificate, string oid, string usage, TlsFiles files)
    {
        var extension = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (extension is not null && !extension.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == oid))
        {
            throw new TlsConfigurationException(files.CertificateSetting, $"the certificate in '{files.CertificatePath}' does not allow {usage}");
        }
    }
}
