namespace SerialCluster.Abstractions.Jobs;

/// <summary>
/// The best single-core time of a job's parameters, which a lone job's absolute speedup divides: the job itself when it
/// ran pinned; else the median of the pinned runs the cost model measured under the job's signature; else the cost
/// model's pinned prediction (corrected by its recent error where it has one). Null when the profile predicted nothing.
/// A sweep measures this baseline directly (its pinned row); this is the estimate a single run can honestly give.
/// </summary>
public sealed record SerialReference(double Seconds, string Source)
{
    public const string Pinned = "pinned";

    public static SerialReference? From(JobProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var pinned = profile.Predictions?.FirstOrDefault(p => p.Mode == Pinned && p.Parameters.Count == 0);
        if (string.Equals(profile.ChosenMode, Pinned, StringComparison.Ordinal))
        {
            return new SerialReference(profile.WallSeconds, "this run (pinned)");
        }

        if (pinned is null)
        {
            return null;
        }

        if (pinned.MeasuredSeconds is { } measured && pinned.MeasuredRuns > 0)
        {
            return new SerialReference(measured, $"median of {pinned.MeasuredRuns} pinned run(s) of these parameters");
        }

        return pinned.CorrectedSeconds is { } corrected
            ? new SerialReference(corrected, "the cost model's pinned prediction, corrected (never run pinned)")
            : new SerialReference(pinned.PredictedSeconds, "the cost model's pinned prediction (never run pinned)");
    }

    /// <summary>Absolute speedup of a run of <paramref name="wallSeconds"/>: T_serial / T.</summary>
    public double SpeedupOf(double wallSeconds) => wallSeconds > 0 ? Seconds / wallSeconds : double.NaN;
}
