namespace SerialCluster.Analysis.Statistics;

/// <summary>Order statistics every report and the cost model share: one definition, so they agree on it.</summary>
public static class SampleStatistics
{
    /// <summary>The plain median (the mean of the middle two for an even count); NaN for no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
