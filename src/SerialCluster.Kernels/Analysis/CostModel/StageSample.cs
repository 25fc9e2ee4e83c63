namespace SerialCluster.Kernels.Analysis.CostModel;

/// <summary>A scatter job's parallel stages on average: <see cref="Waves"/> waves of tasks per stage cost <see cref="Seconds"/> per stage beyond their compute.</summary>
public readonly record struct StageSample(double Waves, double Seconds);
