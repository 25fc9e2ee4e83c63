using SerialCluster.Workloads.Execution;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Compiled circuits of this process by the parameters that decide them (<see cref="WeakValueCache{TKey, TValue}"/>): the
/// cost model compiles up to eight variants of a plan with the same circuit, and silos sharing a process each compile the
/// job's plan, where building a circuit of millions of gates each time dominated a pinned job.
/// </summary>
internal static class CvpCircuitCache
{
    private static readonly WeakValueCache<CvpCircuitKey, CvpCircuit> Circuits = new();

    public static CvpCircuit GetOrBuild(CvpCircuitKey key, Func<CvpCircuit> build) => Circuits.GetOrBuild(key, build);
}
