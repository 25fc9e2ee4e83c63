using System.Collections.Concurrent;
using System.Diagnostics;
using SerialCluster.Abstractions.CostModel;
using SerialCluster.CostModel.History;

namespace SerialCluster.Grains.CostModel;

/// <summary>
/// The cost histories a silo's coordinators read, kept so that a job's decision makes no grain call. A silo's own jobs'
/// records replace the kept history at once; one older than <see cref="Reuse"/> is still used and read again in the
/// background (<see cref="IsStale"/>), one older than <see cref="MaxAge"/> read before deciding. An empty history is
/// never kept. One cache per silo (a silo service), so silos sharing a process stay apart.
/// </summary>
public sealed class CostHistoryCache
{
    /// <summary>How long a history read is used again without reading it anew.</summary>
    public static readonly TimeSpan Reuse = TimeSpan.FromSeconds(2);

    /// <summary>How long a history read is used at all.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (CostEstimate Estimate, long At)> _entries = new(StringComparer.Ordinal);

    /// <summary>The history under <paramref name="key"/> when it was read or recorded here within <see cref="MaxAge"/>.</summary>
    public CostEstimate? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && Stopwatch.GetElapsedTime(entry.At) < MaxAge ? entry.Estimate : null;

    /// <summary>Whether the history under <paramref name="key"/> should be read again (none kept, or older than <see cref="Reuse"/>).</summary>
    public bool IsStale(string key) => !_entries.TryGetValue(key, out var entry) || Stopwatch.GetElapsedTime(entry.At) >= Reuse;

    /// <summary>Keeps <paramref name="history"/> (a grain's answer) as the latest under <paramref name="key"/>; returns it as the model reads it.</summary>
    public CostEstimate Put(string key, UnitCostHistory history)
    {
        var estimate = UnitCostGrain.ToEstimate(history);
        if (estimate.Jobs > 0)
        {
            _entries[key] = (estimate, Stopwatch.GetTimestamp());
        }
        else
        {
            _entries.TryRemove(key, out _);
        }

        return estimate;
    }
}
