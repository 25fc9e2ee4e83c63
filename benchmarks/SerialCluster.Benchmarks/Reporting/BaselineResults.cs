using System.Globalization;

namespace SerialCluster.Benchmarks.Reporting;

/// <summary>
/// Reads the C baselines' machine-readable lines: space-separated <c>key=value</c> fields, the first
/// <c>baseline=NAME</c>, one of them <c>units_per_s=</c>. Other lines are ignored.
/// </summary>
public static class BaselineResults
{
    public static IReadOnlyDictionary<string, BaselineResult> Load(string? path)
    {
        var results = new Dictionary<string, BaselineResult>(StringComparer.Ordinal);
        if (path is null)
        {
            return results;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (Parse(line) is { } result)
            {
                results[result.Name] = result;
            }
        }

        return results;
    }

    public static BaselineResult? Parse(string line)
    {
        if (!line.StartsWith("baseline=", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[token[..equals]] = token[(equals + 1)..];
            }
        }

        var name = fields["baseline"];
        fields.Remove("baseline");
        if (!fields.TryGetValue("units_per_s", out var text) ||
            !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unitsPerSecond) ||
            unitsPerSecond <= 0)
        {
            throw new FormatException($"Baseline line without a positive units_per_s: {line}");
        }

        return new BaselineResult(name, unitsPerSecond, fields);
    }
}
