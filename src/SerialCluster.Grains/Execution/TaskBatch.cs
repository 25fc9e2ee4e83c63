namespace SerialCluster.Grains.Execution;

/// <summary>One batch in flight under batched dispatch: its tasks, the lane and silo it went to, and when it was sent.</summary>
internal sealed record TaskBatch(int First, int Size, int Lane, int Silo, long Dispatched);
