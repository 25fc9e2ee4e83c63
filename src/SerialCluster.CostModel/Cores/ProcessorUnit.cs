using System.Globalization;

namespace SerialCluster.CostModel.Cores;

/// <summary>
/// What one processor of a sweep stands for on a cluster: a core, or, where every silo is a process of its own under the
/// same fractional CPU quota and the quotas fit in the CPUs they share, one such slow silo. Then P = 1 … <see cref="Count"/>
/// are real measurements in units of one silo, not saturation: the kernel holds each silo to its share (docs/SCALING.md).
/// </summary>
public sealed record ProcessorUnit(int Count, double CoresEach)
{
    /// <summary>How far apart the silos' usable cores may be and still count as equal.</summary>
    public const double EqualTolerance = 0.05;

    /// <summary>True when a processor is one slow silo (a fraction of a core), false when it is a core.</summary>
    public bool IsSilo => CoresEach < 1;

    /// <summary>The plural noun for <see cref="Count"/>: "silos" or "cores".</summary>
    public string Noun => IsSilo ? "silos" : "cores";

    /// <summary>What P counts, in words: "1 = one silo of 0.25 core (8 such silos, 2 cores together)", or "cores".</summary>
    public string Describe() => IsSilo
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"P counts slow silos: 1 = one silo of {CoresEach:0.###} core ({Count} such silos, {Count * CoresEach:0.##} cores together)")
        : string.Create(CultureInfo.InvariantCulture, $"P counts cores ({Count})");

    /// <summary>Whole cores: the unit where silos are not equal fractional ones.</summary>
    public static ProcessorUnit Cores(int cores) => new(Math.Max(1, cores), 1);

    /// <summary>
    /// The unit of a cluster from its silos' claims: slow silos when there are at least two, each in a process of its own,
    /// none declared, all with equal usable cores below one; their count is capped by the cores they have together
    /// (<see cref="SharedCores"/>), so quotas that oversubscribe the CPUs count only as many silos as the CPUs hold.
    /// Otherwise whole cores.
    /// </summary>
    public static ProcessorUnit Of(IReadOnlyList<CoreClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var total = SharedCores.Total(claims);
        var cores = Cores((int)Math.Round(total));
        if (claims.Count < 2 || claims.Any(c => c.Declared) ||
            claims.Select(c => (c.Host, c.Process)).Distinct().Count() != claims.Count)
        {
            return cores;
        }

        var least = claims.Min(c => c.UsableCores);
        var most = claims.Max(c => c.UsableCores);
        if (least <= 0 || most >= 1 || most > least * (1 + EqualTolerance))
        {
            return cores;
        }

        var each = claims.Average(c => c.UsableCores);
        var count = Math.Min(claims.Count, (int)Math.Floor((total / each) + 1e-6));
        return count > cores.Count ? new ProcessorUnit(count, each) : cores;
    }
}
