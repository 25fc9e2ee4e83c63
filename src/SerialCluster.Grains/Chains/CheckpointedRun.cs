namespace SerialCluster.Grains.Chains;

/// <summary>What one checkpointed chain run measured: compute, batches, checkpoints and where it started.</summary>
public sealed record CheckpointedRun(
    double ComputeSeconds, long Batches, int Checkpoints, double CheckpointSeconds, List<long> ResumedFrom, long CheckpointSteps);
