namespace SerialCluster.Analysis.Scaling;

/// <summary>A fitted value and its standard error (NaN when the data cannot determine it, e.g. no degrees of freedom left).</summary>
public sealed record FittedParameter(double Value, double StandardError);
