namespace SerialCluster.Analysis.Timeline;

/// <summary>Average number of tasks computing during one slice of the job's wall time.</summary>
public sealed record ParallelismSample(double Start, double End, double Running);
