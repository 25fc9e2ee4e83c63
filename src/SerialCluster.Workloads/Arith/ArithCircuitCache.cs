namespace SerialCluster.Workloads.Arith;

/// <summary>
/// Compiled circuits by the parameters that decide them, held weakly: while any plan of this process holds a circuit, another compile reuses it.
/// The cost model compiles up to eight variants of a plan with the same circuit, and silos sharing a process each compile the job's plan: building
/// a circuit of millions of gates each time dominated a pinned job. Circuits are immutable, so sharing changes no result; racing compiles may both build.
/// </summary>
internal static class ArithCircuitCache
{
    /// <summary>Dead entries are swept when the table grows past this.</summary>
    private const int SweepAbove = 16;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<ArithCircuitKey, WeakReference<ArithCircuit>> Circuits = [];

    public static ArithCircuit GetOrBuild(ArithCircuitKey key, Func<ArithCircuit> build)
    {
        lock (Gate)
        {
            if (Circuits.TryGetValue(key, out var held) && held.TryGetTarget(out var kept))
            {
                return kept;
            }
        }

        var built = build();
        lock (Gate)
        {
            if (Circuits.TryGetValue(key, out var held) && held.TryGetTarget(out var raced))
            {
                return raced;
            }

            if (Circuits.Count >= SweepAbove)
            {
                foreach (var dead in Circuits.Where(e => !e.Value.TryGetTarget(out _)).Select(e => e.Key).ToList())
                {
                    Circuits.Remove(dead);
                }
            }

            Circuits[key] = new WeakReference<ArithCircuit>(built);
            return built;
        }
    }
}
