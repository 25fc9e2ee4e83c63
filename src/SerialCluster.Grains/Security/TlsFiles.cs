namespace SerialCluster.Grains.Security;

/// <summary>
/// Where a process's TLS identity lies, as PEM files: its certificate, its private key, and the certificate of the
/// cluster's CA that every peer's certificate must be signed by. Each path comes with the name of the setting it
/// came from, so a refusal names what to fix.
/// </summary>
public sealed record TlsFiles(string CertificatePath, string KeyPath, string CaPath, string CertificateSetting, string KeySetting, string CaSetting);
