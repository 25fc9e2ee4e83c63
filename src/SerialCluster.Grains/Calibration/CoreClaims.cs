using SerialCluster.Abstractions.Execution;
using SerialCluster.CostModel.Cores;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// A silo's claim on its host's CPUs from what it reported (<see cref="SharedCores"/> counts them): its host (the machine
/// name for silos that report none), its process (machine name and process id: process ids repeat across containers),
/// its CPU set, and its usable cores (calibrated, else its processor count); configured cores are declared, its own.
/// </summary>
public static class CoreClaims
{
    public static CoreClaim Of(SiloCapacity capacity) => capacity.CoresDeclared
        ? new(HostOf(capacity), $"{ProcessOf(capacity)}/{capacity.Silo}", null, UsableCores(capacity), Declared: true)
        : new(HostOf(capacity), ProcessOf(capacity), capacity.CpuSet, UsableCores(capacity));

    /// <summary>The host the silo runs on: shared by every container on one kernel.</summary>
    public static string HostOf(SiloCapacity capacity) => capacity.Host ?? capacity.Machine;

    /// <summary>The process the silo runs in; silos that report no process id count as one per machine.</summary>
    public static string ProcessOf(SiloCapacity capacity) =>
        capacity.ProcessId > 0 ? $"{capacity.Machine}/{capacity.ProcessId}" : capacity.Machine;

    /// <summary>The calibrated usable cores (CPU quota included), else the processor count.</summary>
    public static double UsableCores(SiloCapacity capacity) =>
        capacity.Calibration is { UsableCores: > 0 } calibration ? calibration.UsableCores : capacity.Cores;
}
