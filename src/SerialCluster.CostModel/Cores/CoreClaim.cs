namespace SerialCluster.CostModel.Cores;

/// <summary>
/// One silo's claim on the CPUs of the host it runs on: the host (containers on one kernel share it), the process it runs in
/// (silos of one process share its CPU quota), the CPUs it may run on (a CPU list, null when unknown), and the cores it
/// can use there (its CPU count, or less under a CPU quota; fractional with a fractional quota).
/// </summary>
public sealed record CoreClaim(string Host, string Process, string? CpuSet, double UsableCores);
