using SerialCluster.Kernels.Workloads.Amdahl;
using SerialCluster.Kernels.Workloads.Cvp;
using SerialCluster.Kernels.Workloads.Eca;
using SerialCluster.Kernels.Workloads.HashChain;
using SerialCluster.Kernels.Workloads.Mdp;
using SerialCluster.Kernels.Workloads.MonteCarlo;
using SerialCluster.Kernels.Workloads.NBody;
using SerialCluster.Kernels.Workloads.S5;
using SerialCluster.Kernels.Workloads.Sudoku;
using SerialCluster.Kernels.Workloads.TimeLock;

namespace SerialCluster.Kernels.Plans;

/// <summary>Every workload SerialCluster knows, by name.</summary>
public static class WorkloadCatalog
{
    private static readonly Workload[] Workloads =
    [
        new HashChainWorkload(),
        new MonteCarloWorkload(),
        new EcaWorkload(),
        new CvpWorkload(),
        new NBodyWorkload(),
        new S5Workload(),
        new MdpWorkload(),
        new SudokuWorkload(),
        new TimeLockWorkload(),
        new AmdahlWorkload(),
    ];

    public static IReadOnlyList<Workload> All => Workloads;

    /// <summary>The workload named <paramref name="name"/> (case-insensitive), or <see cref="UnknownWorkloadException"/>.</summary>
    public static Workload Get(string name) =>
        Workloads.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownWorkloadException(name, Workloads.Select(w => w.Name));
}
