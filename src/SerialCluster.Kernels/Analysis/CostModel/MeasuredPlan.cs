namespace SerialCluster.Kernels.Analysis.CostModel;

/// <summary>
/// What the recent runs of one run plan under one plan signature measured: how many runs (at most
/// <see cref="MeasuredRuns.RunsPerPlan"/>), the median of measured ÷ the model's raw prediction over them (the residual
/// correction), and the median measured seconds.
/// </summary>
public sealed record MeasuredPlan(int Runs, double Ratio, double MeasuredSeconds);
