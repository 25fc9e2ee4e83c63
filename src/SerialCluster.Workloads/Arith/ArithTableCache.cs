using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace SerialCluster.Workloads.Arith;

/// <summary>
/// Gather tables by circuit and cut, held as long as the (cached, shared) circuit lives: silos sharing a process and the
/// coordinator each need the same tables for a job, and rebuilding them per plan object cost more than the gates. The
/// tables depend only on the circuit and (tasks, grain), which decide the staging, so sharing changes no result.
/// </summary>
internal static class ArithTableCache
{
    private static readonly ConditionalWeakTable<ArithCircuit, ConcurrentDictionary<(int Tasks, int Grain), Lazy<ArithTaskTables>>> Tables = new();

    public static ArithTaskTables GetOrBuild(ArithCircuit circuit, int tasks, int grain, ArithStaging staging) =>
        Tables.GetOrCreateValue(circuit)
            .GetOrAdd((tasks, grain), _ => new Lazy<ArithTaskTables>(() => ArithTaskTables.Build(circuit, staging), LazyThreadSafetyMode.PublicationOnly))
            .Value;
}
