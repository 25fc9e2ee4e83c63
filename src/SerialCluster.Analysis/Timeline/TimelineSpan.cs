namespace SerialCluster.Analysis.Timeline;

/// <summary>A task (or, when <see cref="Tasks"/> &gt; 1, a silo's aggregate of a stage's tasks) on the job's clock.</summary>
public sealed record TimelineSpan(string Silo, double Start, double End, double KernelSeconds, int Tasks);
