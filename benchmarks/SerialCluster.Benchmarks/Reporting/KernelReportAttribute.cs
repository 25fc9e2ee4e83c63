namespace SerialCluster.Benchmarks.Reporting;

/// <summary>
/// Puts a benchmark in the kernel table: its kernel, the unit one operation stands for (the benchmark's
/// <c>OperationsPerInvoke</c> counts units, so units/s = 1 / mean), and the target it is held to. A target is
/// either absolute (<see cref="TargetPerSecond"/>) or relative to a C baseline measured in the same run
/// (<see cref="Baseline"/> with <see cref="TargetFractionOfBaseline"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class KernelReportAttribute(string kernel, string unit) : Attribute
{
    public string Kernel { get; } = kernel;

    public string Unit { get; } = unit;

    /// <summary>The target throughput per core in units per second; 0 for none.</summary>
    public double TargetPerSecond { get; set; }

    /// <summary>
    /// The <c>baseline=</c> name of a C baseline to compare with. It applies to the cases whose parameters agree
    /// with the baseline's fields of the same name (a rule=110 width=4096 baseline is shown beside Rule=110, Width=4096 only).
    /// </summary>
    public string? Baseline { get; set; }

    /// <summary>The target as a fraction of the baseline's throughput (0.5: at most twice its time per unit); 0 for none.</summary>
    public double TargetFractionOfBaseline { get; set; }

    /// <summary>A few words on what the row measures, for the table.</summary>
    public string? Note { get; set; }
}
