using System.Globalization;
using System.Text.Json.Nodes;
using static SerialCluster.Cli.Bench.BenchFormat;

namespace SerialCluster.Cli.Bench;

/// <summary>
/// Target 2: the bare loops of target 1 (hashchain steps/s; eca rule 110 cell updates/s at width 4096) against the
/// C baselines benchmarks/run.sh compiled and ran just before (OpenSSL SHA-256 loop; bit-parallel rule 110, -O3).
/// The BenchmarkDotNet suite run by the same script measures the same kernels more carefully; its table follows.
/// </summary>
public static class KernelsVsCBench
{
    public const double Goal = 0.5;

    public static BenchSection Run(IReadOnlyDictionary<string, double> bareRates, string? baselinesPath)
    {
        var baselines = Load(baselinesPath);
        var rows = new List<BenchRow>();
        var data = new JsonObject();
        foreach (var (kernel, baseline, what, goal) in new[]
        {
            ("hashchain", "sha256_openssl", "hashchain step vs a C loop on OpenSSL's SHA-256 (speed ratio; time ≤ 2×)", "≥ 0.5× (≤ 2× C time)"),
            ("eca", "eca_rule110", "eca rule 110 width 4096 vs bit-parallel C, gcc -O3", "≥ 0.5×"),
        })
        {
            if (!bareRates.TryGetValue(kernel, out var ours))
            {
                rows.Add(BenchRow.Missing("2", what, goal, "target 1 did not run"));
                continue;
            }

            if (!baselines.TryGetValue(baseline, out var c))
            {
                rows.Add(
                    BenchRow.Missing("2", what, goal, F($"no C baseline '{baseline}' (run benchmarks/run.sh, or give --baselines); ours: {Rate(ours)}/s")));
                continue;
            }

            var ratio = ours / c;
            rows.Add(
                new BenchRow(
                    "2",
                    what,
                    F($"{Ratio(ratio)}× C speed"),
                    ratio / Goal,
                    goal,
                    F($"ours {Rate(ours)}/s, C {Rate(c)}/s (bare loop of target 1 vs the C loop's median)")));
            data[kernel] = new JsonObject { ["oursPerSecond"] = ours, ["cPerSecond"] = c, ["ratio"] = ratio };
        }

        return new BenchSection("2. Kernels against C", rows, [], data);
    }

    private static Dictionary<string, double> Load(string? path)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (path is null)
        {
            return result;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith("baseline=", StringComparison.Ordinal))
            {
                continue;
            }

            string? name = null;
            double? rate = null;
            foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = token.Split('=', 2);
                if (parts.Length != 2)
                {
                    continue;
                }

                if (parts[0] == "baseline")
                {
                    name = parts[1];
                }
                else if (parts[0] == "units_per_s" && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
                {
                    rate = value;
                }
            }

            if (name is not null && rate is { } r)
            {
                result[name] = r;
            }
        }

        return result;
    }
}
