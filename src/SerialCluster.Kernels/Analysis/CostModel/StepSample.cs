namespace SerialCluster.Kernels.Analysis.CostModel;

/// <summary>Measured compute: <see cref="Units"/> units in <see cref="Steps"/> dependent steps took <see cref="Seconds"/>, normalised to the reference score.</summary>
public readonly record struct StepSample(double Units, double Steps, double Seconds);
