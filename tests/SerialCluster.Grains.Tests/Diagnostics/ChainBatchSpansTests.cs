using System.Diagnostics;
using SerialCluster.Grains.Diagnostics;

namespace SerialCluster.Grains.Tests.Diagnostics;

/// <summary>A long chain's batches are sampled: every one of the first 50, then at most one a second.</summary>
public sealed class ChainBatchSpansTests
{
    [Fact]
    public void AfterTheFirstFiftyBatchesOnlyOneASecondGetsASpan()
    {
        // A listener of its own that records everything, and a parent in the request context as a coordinator sets it.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SerialClusterActivitySource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        RequestContext.Set(SerialClusterActivitySource.TraceParent, $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01");
        try
        {
            var spans = new ChainBatchSpans();
            var started = new List<long>();
            var clock = Stopwatch.StartNew();
            // Far more batches than fit in one second here: only the first 50 and the first after that can have spans.
            for (var batch = 0; batch < 1000; batch++)
            {
                using var span = spans.Start(stage: 0, steps: 10, silo: "s");
                if (span is not null)
                {
                    started.Add((long)span.GetTagItem(SerialClusterActivitySource.BatchTag)!);
                }
            }

            Assert.Equal(Enumerable.Range(0, ChainBatchSpans.EveryBatchUpTo).Select(i => (long)i), started.Take(ChainBatchSpans.EveryBatchUpTo));
            Assert.InRange(started.Count - ChainBatchSpans.EveryBatchUpTo, 0, 1 + (int)(clock.Elapsed / ChainBatchSpans.Interval));
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
