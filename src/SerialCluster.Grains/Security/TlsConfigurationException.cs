namespace SerialCluster.Grains.Security;

/// <summary>A TLS file was missing, unreadable or wrong; <see cref="Setting"/> names the setting that pointed at it.</summary>
public sealed class TlsConfigurationException(string setting, string problem) : Exception($"{setting}: {problem}")
{
    public string Setting { get; } = setting;
}
