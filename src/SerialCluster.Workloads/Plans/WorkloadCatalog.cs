using SerialCluster.Workloads.Amdahl;
using SerialCluster.Workloads.Arith;
using SerialCluster.Workloads.Cvp;
using SerialCluster.Workloads.Do1;
using SerialCluster.Workloads.Eca;
using SerialCluster.Workloads.HashChain;
using SerialCluster.Workloads.Mdp;
using SerialCluster.Workloads.MonteCarlo;
using SerialCluster.Workloads.NBody;
using SerialCluster.Workloads.Refine;
using SerialCluster.Workloads.Rollout;
using SerialCluster.Workloads.S5;
using SerialCluster.Workloads.Sudoku;
using SerialCluster.Workloads.TimeLock;

namespace SerialCluster.Workloads.Plans;

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

        // Sequential decision making (paper §3.4, Appendix G).
        new RolloutWorkload(),
        new Do1Workload(),

        // Math as arithmetic circuits (§3.5) and fixed-depth refinement (§4).
        new ArithWorkload(),
        new RefineWorkload(),
    ];

    public static IReadOnlyList<Workload> All => Workloads;

    /// <summary>The workload named <paramref name="name"/> (case-insensitive), or <see cref="UnknownWorkloadException"/>.</summary>
    public static Workload Get(string name) =>
        Workloads.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownWorkloadException(name, Workloads.Select(w => w.Name));
}
