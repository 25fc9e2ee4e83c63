namespace SerialCluster.Kernels.Workloads.Cvp;

/// <summary>
/// Compiled circuits by the parameters that decide them, held weakly: while any plan of this process holds a circuit,
/// another compile of the same circuit reuses it. The cost model compiles up to eight variants of a cvp plan (other
/// <c>tasks</c> and <c>grain</c>, the same circuit), and silos that share a process (the embedded cluster) each compile
/// the job's plan: generating or parsing a circuit of millions of gates every time was most of a pinned job's wall.
/// Circuits are immutable once built, so sharing one changes no result. Two compiles that race may both build it.
/// </summary>
internal static class CvpCircuitCache
{
    /// <summary>Dead entries are swept when the table grows past this.</summary>
    private const int SweepAbove = 16;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<CvpCircuitKey, WeakReference<CvpCircuit>> Circuits = [];

    public static CvpCircuit GetOrBuild(CvpCircuitKey key, Func<CvpCircuit> build)
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

            Circuits[key] = new WeakReference<CvpCircuit>(built);
            return built;
        }
    }
}
