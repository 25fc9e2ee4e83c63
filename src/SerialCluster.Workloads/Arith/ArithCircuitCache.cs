using SerialCluster.Workloads.Execution;

namespace SerialCluster.Workloads.Arith;

/// <summary>
/// Compiled circuits of this process by the parameters that decide them (<see cref="WeakValueCache{TKey, TValue}"/>): the
/// cost model compiles up to eight variants of a plan with the same circuit, and silos sharing a process each compile the
/// job's plan, where building a circuit of millions of gates each time dominated a pinned job.
/// </summary>
internal static class ArithCircuitCache
{
    private static readonly WeakValueCache<ArithCircuitKey, ArithCircuit> Circuits = new();

    public static ArithCircuit GetOrBuild(ArithCircuitKey key, Func<ArithCircuit> build) => Circuits.GetOrBuild(key, build);
}
