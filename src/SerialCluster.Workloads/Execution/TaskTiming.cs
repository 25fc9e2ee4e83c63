namespace SerialCluster.Workloads.Execution;

/// <summary>How long one task (or one whole chain) computed, and where.</summary>
public sealed record TaskTiming(int Stage, int Task, double Seconds, string Runner);
