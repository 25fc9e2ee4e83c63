using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// A development CA and its silo and client certificates, made by the repository's own
/// <c>deploy/tls/make-dev-certs.sh</c> in a temporary directory (deleted on dispose). Skips the test without openssl.
/// </summary>
public sealed class DevCertificates : IDisposable
{
    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromSeconds(60);

    private DevCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public string Ca => Path.Combine(Directory, "ca.pem");

    public string SiloCertificate => Path.Combine(Directory, "silo.pem");

    public string SiloKey => Path.Combine(Directory, "silo.key");

    public string ClientCertificate => Path.Combine(Directory, "client.pem");

    public string ClientKey => Path.Combine(Directory, "client.key");

    /// <summary>The script, found from this test assembly's output up to the repository root.</summary>
    public static string Script
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, "deploy", "tls", "make-dev-certs.sh");
                if (File.Exists(script))
                {
                    return script;
                }
            }

            throw new FileNotFoundException($"deploy/tls/make-dev-certs.sh not found above {AppContext.BaseDirectory}");
        }
    }

    public static async Task<DevCertificates> CreateAsync()
    {
        Requirements.Openssl();
        var directory = System.IO.Directory.CreateTempSubdirectory("serialcluster-tls-").FullName;
        using var script = ChildProcess.Start("make-dev-certs", "bash", [Script, directory, "2"], directory);
        var exitCode = await script.WaitForExitAsync(ScriptDeadline);
        Assert.True(exitCode == 0, $"make-dev-certs.sh exited {exitCode}: {script.Output()}");
        return new DevCertificates(directory);
    }

    /// <summary>The silo's settings for mutual TLS with these files (<c>--SerialCluster:Silo:Tls:…</c>).</summary>
    public IReadOnlyList<string> SiloSettings() =>
    [
        .. SiloProcess.Setting("Tls:Enabled", "true"),
        .. SiloProcess.Setting("Tls:CertificatePath", SiloCertificate),
        .. SiloProcess.Setting("Tls:KeyPath", SiloKey),
        .. SiloProcess.Setting("Tls:CaPath", Ca),
    ];

    /// <summary>A self-signed client certificate (PEM files in this directory) that no CA vouches for.</summary>
    public (string Certificate, string Key) SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = Path.Combine(Directory, $"{name}.pem");
        var keyPath = Path.Combine(Directory, $"{name}.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }
}
