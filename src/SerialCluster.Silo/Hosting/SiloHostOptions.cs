using System.ComponentModel.DataAnnotations;

namespace SerialCluster.Silo.Hosting;

/// <summary>
/// How this silo joins a cluster, from configuration section <c>SerialCluster:Silo</c> (appsettings.json,
/// environment variables <c>SerialCluster__Silo__SiloPort=…</c>, or <c>--SerialCluster:Silo:SiloPort=…</c>).
/// </summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "SerialCluster:Silo";
    public const string LocalhostClustering = "localhost";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>Silos sharing a ClusterId form one cluster; clients must use the same id.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ClusterId { get; set; } = "serialcluster";

    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string ServiceId { get; set; } = "serialcluster";

    /// <summary>A name for this silo in profiles and logs; the machine name and port when empty.</summary>
    public string? Name { get; set; }

    /// <summary>Membership provider. Only <c>localhost</c> (the primary silo holds membership) for now.</summary>
    [Required]
    [AllowedValues(LocalhostClustering)]
    public string Clustering { get; set; } = LocalhostClustering;

    [Range(1, 65535)]
    public int SiloPort { get; set; } = DefaultSiloPort;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>With localhost clustering: the silo port of the primary silo (this silo's own port makes it the primary).</summary>
    [Range(1, 65535)]
    public int PrimarySiloPort { get; set; } = DefaultSiloPort;
}
