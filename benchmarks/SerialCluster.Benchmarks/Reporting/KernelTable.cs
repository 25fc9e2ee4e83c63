using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using SerialCluster.Workloads.Hashing;

namespace SerialCluster.Benchmarks.Reporting;

/// <summary>
/// The Markdown table of docs/BENCHMARKS.md, built from BenchmarkDotNet's summaries and the C baselines of the
/// same run: every benchmark that carries a <see cref="KernelReportAttribute"/>, in units per second per core.
/// </summary>
public sealed class KernelTable
{
    private KernelTable(IReadOnlyList<KernelRow> rows, bool allSucceeded, string markdown)
    {
        Rows = rows;
        AllSucceeded = allSucceeded;
        Markdown = markdown;
    }

    public IReadOnlyList<KernelRow> Rows { get; }

    /// <summary>False when a benchmark failed to build or run, or produced no result.</summary>
    public bool AllSucceeded { get; }

    public string Markdown { get; }

    public static KernelTable Build(IReadOnlyList<Summary> summaries, IReadOnlyDictionary<string, BaselineResult> baselines)
    {
        var rows = new List<KernelRow>();
        var allSucceeded = summaries.Count > 0 && summaries.All(s => !s.HasCriticalValidationErrors);
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            allSucceeded &= report.Success && report.ResultStatistics is not null;
            var attribute = (KernelReportAttribute?)Attribute.GetCustomAttribute(
                report.BenchmarkCase.Descriptor.WorkloadMethod, typeof(KernelReportAttribute));
            if (attribute is not null)
            {
                rows.Add(ToRow(report, attribute, baselines));
            }
        }

        // Grouped by kernel, each kernel's cases in BenchmarkDotNet's order (OrderBy is stable).
        var ordered = rows.OrderBy(r => r.Kernel, StringComparer.Ordinal).ToList();
        return new KernelTable(ordered, allSucceeded, ToMarkdown(ordered, baselines));
    }

    private static KernelRow ToRow(BenchmarkReport report, KernelReportAttribute attribute, IReadOnlyDictionary<string, BaselineResult> baselines)
    {
        var benchmark = report.BenchmarkCase;
        var parameters = benchmark.Parameters.Items
            .Select(p => new KeyValuePair<string, string>(p.Name, Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? ""))
            .ToList();
        var caseName = benchmark.Descriptor.WorkloadMethod.Name +
            (parameters.Count == 0 ? "" : " " + string.Join(" ", parameters.Select(p => $"{p.Key}={p.Value}")));

        // ResultStatistics are per operation, in nanoseconds: one operation is one unit.
        var statistics = report.ResultStatistics;
        double? unitsPerSecond = statistics is { Mean: > 0 } ? 1e9 / statistics.Mean : null;
        double? deviation = statistics is { Mean: > 0 } ? statistics.StandardDeviation / statistics.Mean : null;

        BaselineResult? baseline = null;
        if (attribute.Baseline is { } name && baselines.TryGetValue(name, out var candidate) && candidate.Matches(parameters))
        {
            baseline = candidate;
        }

        double? target = null;
        var targetText = "—";
        if (attribute.TargetFractionOfBaseline > 0)
        {
            var times = 1 / attribute.TargetFractionOfBaseline;
            targetText = $"≤ {Number(times, "0.##")}× C time/unit";
            if (attribute.Baseline is { } baselineName && baselines.TryGetValue(baselineName, out var reference))
            {
                target = attribute.TargetFractionOfBaseline * reference.UnitsPerSecond;
                targetText += $" (≥ {Scientific(target.Value)}/s)";
            }
            else
            {
                targetText += " (no C baseline in this run)";
            }
        }
        else if (attribute.TargetPerSecond > 0)
        {
            target = attribute.TargetPerSecond;
            targetText = $"≥ {Scientific(target.Value)}/s";
        }

        return new KernelRow(
            attribute.Kernel, caseName, attribute.Unit, unitsPerSecond, deviation, target, targetText, baseline?.UnitsPerSecond, attribute.Note);
    }

    private static string ToMarkdown(IReadOnlyList<KernelRow> rows, IReadOnlyDictionary<string, BaselineResult> baselines)
    {
        var text = new StringBuilder();
        text.AppendLine("| kernel | case | unit | measured units/s per core | ± sd | target | ratio to target | ours ÷ C (speed) | note |");
        text.AppendLine("|---|---|---|---:|---:|---|---:|---:|---|");
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(" | ", [
                $"| {row.Kernel}",
                row.Case,
                row.Unit,
                row.UnitsPerSecond is { } measured ? Scientific(measured) : "failed",
                row.RelativeStandardDeviation is { } deviation ? Number(deviation * 100, "0.0") + "%" : "—",
                row.TargetText,
                row.RatioToTarget is { } ratio ? Number(ratio, "0.00") + (ratio >= 1 ? " ✔" : " ✘") : "—",
                row.RatioToBaseline is { } speed ? Number(speed, "0.00") : "—",
                (row.Note ?? "") + " |",
            ]));
        }

        text.AppendLine();
        text.AppendLine($"hashchain `Iterate` ran on: {Sha256Chain.Implementation}.");
        foreach (var baseline in baselines.Values.OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            var fields = string.Join(" ", baseline.Fields.Select(f => $"{f.Key}={f.Value}"));
            text.AppendLine($"C baseline `{baseline.Name}`: {Scientific(baseline.UnitsPerSecond)} units/s ({fields}).");
        }

        return text.ToString();
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>2.31e9 rather than 2310000000 or 2.31E+009.</summary>
    private static string Scientific(double value)
    {
        if (value <= 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return Number(value, "G3");
        }

        var exponent = (int)Math.Floor(Math.Log10(value));
        var mantissa = value / Math.Pow(10, exponent);
        if (Math.Round(mantissa, 2) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }

        return $"{Number(mantissa, "0.00")}e{exponent}";
    }
}
