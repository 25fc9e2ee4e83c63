namespace SerialCluster.CostModel.Cores;

/// <summary>
/// One silo's claim on the CPUs of the host it runs on: the host (containers on one kernel share it), the process it runs in
/// (silos of one process share its CPU quota), the CPUs it may run on (a CPU list, null when unknown), and the cores it
/// can use there (its CPU count, or less under a CPU quota; fractional with a fractional quota). <see cref="Declared"/>:
/// the operator configured the silo's cores; they are its own, shared with no other silo.
/// </summary>
public sealed record CoreClaim(string Host, string Process, string? CpuSet, double UsableCores, bool Declared = false);
