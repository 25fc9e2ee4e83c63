using System.Diagnostics;

namespace SerialCluster.Grains.Diagnostics;

/// <summary>
/// Chooses which batches of one chain get a span: each of the first <see cref="EveryBatchUpTo"/>, then at most one per
/// <see cref="Interval"/>. A chain of hours runs ~20 batches a second; a span for each would bury its trace, while
/// these show how batches started and then sample the steady state. Each span carries its batch index.
/// </summary>
public sealed class ChainBatchSpans
{
    public const int EveryBatchUpTo = 50;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _batch;
    private long _lastSpan;

    /// <summary>The span for the next batch, or null when this batch is not sampled (or nothing records spans).</summary>
    public Activity? Start(int stage, long steps, string silo)
    {
        var batch = _batch++;
        if (batch >= EveryBatchUpTo && Stopwatch.GetElapsedTime(_lastSpan) < Interval)
        {
            return null;
        }

        _lastSpan = Stopwatch.GetTimestamp();
        return SerialClusterActivitySource.StartChainBatch(stage, steps, silo)?.SetTag(SerialClusterActivitySource.BatchTag, batch);
    }
}
