namespace SerialCluster.Workloads.Execution;

/// <summary>
/// Built values by the key that decides them, held weakly: while anything in this process holds a value, another build of
/// the same key reuses it. For immutable values that are costly to build (circuits of millions of gates, which the cost
/// model's variants and every silo of a process would otherwise each build); sharing changes no result, and two racing
/// builds may both run, the first to finish being kept.
/// </summary>
public sealed class WeakValueCache<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    /// <summary>Dead entries are swept when the table grows past this.</summary>
    private const int SweepAbove = 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, WeakReference<TValue>> _values = [];

    public TValue GetOrBuild(TKey key, Func<TValue> build)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(key, out var held) && held.TryGetTarget(out var kept))
            {
                return kept;
            }
        }

        var built = build();
        lock (_gate)
        {
            if (_values.TryGetValue(key, out var held) && held.TryGetTarget(out var raced))
            {
                return raced;
            }

            if (_values.Count >= SweepAbove)
            {
                foreach (var dead in _values.Where(e => !e.Value.TryGetTarget(out _)).Select(e => e.Key).ToList())
                {
                    _values.Remove(dead);
                }
            }

            _values[key] = new WeakReference<TValue>(built);
            return built;
        }
    }
}
