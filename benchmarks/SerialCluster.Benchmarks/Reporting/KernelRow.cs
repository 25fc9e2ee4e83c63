namespace SerialCluster.Benchmarks.Reporting;

/// <summary>One benchmark case in the kernel table; throughputs in units per second per core, null when not measured.</summary>
public sealed record KernelRow(
    string Kernel,
    string Case,
    string Unit,
    double? UnitsPerSecond,
    double? RelativeStandardDeviation,
    double? TargetPerSecond,
    string TargetText,
    double? BaselineUnitsPerSecond,
    string? Note)
{
    /// <summary>Measured ÷ target: at least 1 meets the target.</summary>
    public double? RatioToTarget => UnitsPerSecond / TargetPerSecond;

    /// <summary>Measured ÷ the C baseline's throughput (= C time per unit ÷ ours).</summary>
    public double? RatioToBaseline => UnitsPerSecond / BaselineUnitsPerSecond;
}
