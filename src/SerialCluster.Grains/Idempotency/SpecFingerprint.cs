using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Idempotency;

/// <summary>
/// A job's spec reduced to what makes it the same job: the workload's canonical name, mode, parallelism, and every
/// parameter's canonical text (defaults filled in, so <c>steps=1e6</c> and leaving the default 1,000,000 match),
/// long values as fingerprints.
/// </summary>
public sealed record SpecFingerprint(string Workload, JobMode Mode, int Parallelism, SortedDictionary<string, string> Parameters)
{
    private const int LongestKeptValue = 64;

    /// <summary>Validates and canonicalizes; throws the kernels' exceptions for an unknown workload or a bad parameter.</summary>
    public static SpecFingerprint Of(JobSpec spec)
    {
        var workload = WorkloadCatalog.Get(spec.Workload);
        var canonical = workload.Validate(spec.Parameters).Canonical;
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in canonical)
        {
            parameters[name] = value.Length <= LongestKeptValue ? value : Digest(value);
        }

        return new SpecFingerprint(workload.Name, spec.Mode, spec.Parallelism, parameters);
    }

    public static SpecFingerprint Of(IdempotencyRecord record) =>
        new(record.Workload, record.Mode, record.Parallelism, new SortedDictionary<string, string>(record.Parameters, StringComparer.Ordinal));

    public void WriteTo(IdempotencyRecord record)
    {
        record.Workload = Workload;
        record.Mode = Mode;
        record.Parallelism = Parallelism;
        record.Parameters = new Dictionary<string, string>(Parameters, StringComparer.Ordinal);
    }

    /// <summary>What differs from <paramref name="first"/>, in words ("steps: 1000 then 2000"); empty when nothing does.</summary>
    public IReadOnlyList<string> DifferencesFrom(SpecFingerprint first)
    {
        var differences = new List<string>();
        if (!string.Equals(Workload, first.Workload, StringComparison.Ordinal))
        {
            differences.Add($"workload: {first.Workload} then {Workload}");
            return differences;
        }

        if (Mode != first.Mode)
        {
            differences.Add($"mode: {Lower(first.Mode)} then {Lower(Mode)}");
        }

        if (Parallelism != first.Parallelism)
        {
            differences.Add($"parallelism: {first.Parallelism} then {Parallelism}");
        }

        foreach (var name in first.Parameters.Keys.Union(Parameters.Keys).Order(StringComparer.Ordinal))
        {
            var before = first.Parameters.GetValueOrDefault(name, "(none)");
            var now = Parameters.GetValueOrDefault(name, "(none)");
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                differences.Add($"{name}: {Shown(before)} then {Shown(now)}");
            }
        }

        return differences;
    }

    /// <summary>A long value's stand-in: its SHA-256 and its length.</summary>
    private static string Digest(string value)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return $"sha256:{hash} ({value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";
    }

    private static string Lower(JobMode mode) => mode.ToString().ToLowerInvariant();

    private static string Shown(string value) => Workloads.Parameters.InvalidParameterException.Printable(value.Length == 0 ? "(empty)" : value);
}
