namespace SerialCluster.Grains.Security;

/// <summary>A TLS file was missing, unreadable or wrong; <see cref="Setting"/> names the setting that pointed at it.</summary>
[GenerateSerializer, Alias("SerialCluster.TlsConfigurationException")]
public sealed class TlsConfigurationException(string setting, string problem) : Exception($"{setting}: {problem}")
{
    [Id(0)]
    public string Setting { get; } = setting;
}
