using SerialCluster.Analysis.Statistics;

namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// The best single-core execution of the same parameters — in a sweep, the pinned whole-chain runs made in the same
/// rounds — against which speedup is absolute: S(P) = T_serial / T(P), the baseline of the paper and of HPC practice.
/// <see cref="MedianSeconds"/> is T_serial; the runs keep their repeat round so a round-by-round fit can pair them.
/// </summary>
public sealed record SerialBaseline(IReadOnlyList<Observation> Runs, string Label)
{
    public double MedianSeconds => SampleStatistics.Median(Runs.Select(r => r.Seconds));

    public double MinSeconds => Runs.Min(r => r.Seconds);

    public double MaxSeconds => Runs.Max(r => r.Seconds);
}
