namespace SerialCluster.Integration.Tests.Analysis;

/// <summary>
/// One line of the "faster core or more cores" table: a chain on one silo slowed by <paramref name="Busy"/> busy
/// shells (pinned), or scattered over <paramref name="Silos"/> silos at parallelism <paramref name="Parallelism"/>.
/// <paramref name="Score"/> is the silo's calibrated single-thread score; 0 for the scattered lines (several silos).
/// </summary>
public sealed record FasterCoreRow(string Mode, int Busy, int Silos, int Parallelism, double Score, double[] ChainSeconds, long Steps)
{
    /// <summary>The median of the repeated chain times.</summary>
    public double Seconds => ChainSeconds.Order().ElementAt(ChainSeconds.Length / 2);

    public double StepsPerSecond => Steps / Seconds;

    /// <summary>Chain seconds × score over steps: 1 where the chain ran exactly at the calibrated rate.</summary>
    public double ScoreProduct => Score > 0 ? Seconds * Score / Steps : 0;
}
