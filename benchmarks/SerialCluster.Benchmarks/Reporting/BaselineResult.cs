namespace SerialCluster.Benchmarks.Reporting;

/// <summary>One C baseline's line: its name, its throughput and every other field it printed.</summary>
public sealed record BaselineResult(string Name, double UnitsPerSecond, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>
    /// True when no benchmark parameter contradicts a baseline field of the same name (case-insensitive), so the
    /// two measured the same thing.
    /// </summary>
    public bool Matches(IEnumerable<KeyValuePair<string, string>> parameters) =>
        parameters.All(p => !Fields.TryGetValue(p.Key, out var value) || string.Equals(value, p.Value, StringComparison.OrdinalIgnoreCase));
}
