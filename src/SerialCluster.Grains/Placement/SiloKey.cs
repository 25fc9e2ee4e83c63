namespace SerialCluster.Grains.Placement;

/// <summary>
/// Grain keys that name the silo an activation belongs on: <c>"{silo address}|{rest}"</c>. The silo part is
/// <see cref="SiloAddress.ToParsableString"/>, which includes the silo's generation, so a restarted silo
/// is a different target.
/// </summary>
public static class SiloKey
{
    private const char Separator = '|';

    public static string Format(SiloAddress silo, string rest) => silo.ToParsableString() + Separator + rest;

    /// <summary>The silo part of a key, or false when the key names none.</summary>
    public static bool TryGetSilo(string key, out string silo)
    {
        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        silo = at > 0 ? key[..at] : string.Empty;
        return at > 0;
    }
}
