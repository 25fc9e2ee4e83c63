namespace SerialCluster.Abstractions.CostModel;

/// <summary>
/// The recent runs of one run plan under one plan signature, as a cost history reports them: how many, the median of
/// measured ÷ the model's raw prediction over them (the residual correction), the median measured seconds, and the
/// runs' robust spread in ln(measured seconds) (<c>MeasuredPlan.Spread</c> in the kernels).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("SerialCluster.MeasuredPlanRuns")]
public sealed record MeasuredPlanRuns(
    [property: Id(0)] int Runs,
    [property: Id(1)] double Ratio,
    [property: Id(2)] double MeasuredSeconds,
    [property: Id(3)] double Spread = 0);
