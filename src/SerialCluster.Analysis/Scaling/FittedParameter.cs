namespace SerialCluster.Analysis.Scaling;

/// <summary>A fitted value and its standard error (NaN when the data cannot determine it, e.g. no degrees of freedom left).</summary>
public sealed record FittedParameter(double Value, double StandardError)
{
    /// <summary>
    /// True when the standard error exceeds the value (or <paramref name="resolution"/>, the smallest error that still
    /// says something about a value near 0): the data cannot tell the value from its neighbours, so it is no finding.
    /// </summary>
    public bool IsInconclusive(double resolution = 0) => StandardError > Math.Max(Math.Abs(Value), resolution);
}
