namespace SerialCluster.Grains.Placement;

/// <summary>The placement directors' lookup of a silo named by its parsable address among the compatible ones.</summary>
public static class NamedSilo
{
    /// <summary>The silo of <paramref name="compatible"/> whose <see cref="SiloAddress.ToParsableString"/> is <paramref name="name"/>; null if none.</summary>
    public static SiloAddress? Find(SiloAddress[] compatible, string name) =>
        Array.Find(compatible, silo => string.Equals(silo.ToParsableString(), name, StringComparison.Ordinal));
}
