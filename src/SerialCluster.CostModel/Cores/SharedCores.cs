namespace SerialCluster.CostModel.Cores;

/// <summary>
/// How many cores silos have together when some share CPUs: each container of a host sees every CPU it may use under a
/// host name of its own, so counting per silo or per host name counts shared CPUs once per silo. Per host: silos on one
/// CPU set share it (processes add their usable cores, each quota its own; silos of one process count once), at most
/// the set's size; the sets add up, at most their CPUs together; declared cores (<see cref="CoreClaim.Declared"/>) add up.
/// </summary>
public static class SharedCores
{
    /// <summary>The cores of every host the <paramref name="claims"/> are on, summed.</summary>
    public static double Total(IEnumerable<CoreClaim> claims) =>
        claims.GroupBy(c => c.Host, StringComparer.Ordinal).Sum(OfHost);

    /// <summary>
    /// The cores the silos of one host can use together: min(CPUs of their sets together, Σ over sets of the set's cores),
    /// where a set's cores are min(its CPUs, Σ over processes on it of the process's largest usable cores). An unknown set
    /// (no CPU list) counts its processes' usable cores and lifts the bound of the CPUs together; declared cores add up.
    /// </summary>
    public static double OfHost(IEnumerable<CoreClaim> claims)
    {
        var all = claims.ToList();
        var declared = all.Where(c => c.Declared).Sum(c => Math.Max(0, c.UsableCores));
        var sets = all.Where(c => !c.Declared).GroupBy(c => Key(c.CpuSet), StringComparer.Ordinal).ToList();
        double sum = 0;
        var union = new HashSet<int>();
        var allKnown = true;
        foreach (var set in sets)
        {
            var cpus = CpuList.Parse(set.Key);
            var cores = set.GroupBy(c => c.Process, StringComparer.Ordinal).Sum(p => p.Max(c => Math.Max(0, c.UsableCores)));
            if (cpus is null)
            {
                allKnown = false;
                sum += cores;
                continue;
            }

            union.UnionWith(cpus);
            sum += Math.Min(cpus.Count, cores);
        }

        return declared + (allKnown && union.Count > 0 ? Math.Min(union.Count, sum) : sum);
    }

    /// <summary>
    /// The silos among <paramref name="claims"/> on <paramref name="claim"/>'s host whose CPUs overlap its own (itself
    /// included); an unknown set overlaps every set of its host; declared cores are shared with no one.
    /// </summary>
    public static int SharingWith(CoreClaim claim, IEnumerable<CoreClaim> claims)
    {
        if (claim.Declared)
        {
            return 1;
        }

        var mine = CpuList.Parse(claim.CpuSet);
        return claims.Count(c => !c.Declared && string.Equals(c.Host, claim.Host, StringComparison.Ordinal) &&
                                 (c.Equals(claim) || Overlap(mine, CpuList.Parse(c.CpuSet))));
    }

    /// <summary>
    /// Groups of claims that share one CPU set on one host: the units whose cores are shared, each with its cores
    /// (min(CPUs, Σ over processes of the largest usable cores)), in the order the claims first name them. Claims with
    /// an unknown set or declared cores are in none: nothing says which CPUs they share.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<CoreClaim> Claims, double Cores)> Sets(IEnumerable<CoreClaim> claims) =>
        [.. claims.Where(c => !c.Declared && Key(c.CpuSet).Length > 0).GroupBy(c => (c.Host, Key(c.CpuSet)))
            .Select(g => ((IReadOnlyList<CoreClaim>)[.. g], OfHost(g)))];

    private static bool Overlap(IReadOnlySet<int>? a, IReadOnlySet<int>? b) => a is null || b is null || a.Overlaps(b);

    /// <summary>One text per CPU set however it was written ("0,1" and "0-1" alike); empty for an unknown set.</summary>
    private static string Key(string? cpuSet) => CpuList.Parse(cpuSet) is { } cpus ? CpuList.Format(cpus) : string.Empty;
}
