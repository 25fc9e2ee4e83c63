namespace SerialCluster.Analysis.Scaling;

/// <summary>One measured run: the parallelism it ran at and its wall time in seconds.</summary>
public sealed record Observation(int P, double Seconds);
