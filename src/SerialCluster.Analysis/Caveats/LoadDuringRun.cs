using System.Globalization;

namespace SerialCluster.Analysis.Caveats;

/// <summary>
/// How busy the machine was with other programs just before and just after a measurement: the cores they kept busy
/// (the silos' foreign-load estimate), and the one-minute load average where it could be read. A measurement taken
/// while other programs held a real share of the cores says more about the machine than about the program, so a
/// verdict drawn from it is <see cref="Qualify">qualified</see> as inconclusive instead of turned into advice.
/// </summary>
public sealed record LoadDuringRun(
    double? ForeignCoresBefore, double? ForeignCoresAfter, int Cores, double? LoadAverageBefore = null, double? LoadAverageAfter = null)
{
    /// <summary>Other programs holding more than this share of the cores make the machine busy.</summary>
    public const double BusyShare = 0.25;

    /// <summary>Without a foreign-load figure, a load average above this many runnable threads per core makes it busy.</summary>
    public const double BusyLoadPerCore = 1.0;

    /// <summary>The larger of the two foreign-load figures; null when neither was measured.</summary>
    public double? ForeignCores => (ForeignCoresBefore, ForeignCoresAfter) switch
    {
        ({ } before, { } after) => Math.Max(before, after),
        ({ } before, null) => before,
        (null, { } after) => after,
        _ => null,
    };

    /// <summary>
    /// Busy when other programs held more than <see cref="BusyShare"/> of the cores before or after; where no silo
    /// measured that, when the load average before the run exceeded <see cref="BusyLoadPerCore"/> per core (the
    /// load average after a run counts the run's own threads, so it decides nothing).
    /// </summary>
    public bool IsBusy => Cores > 0 && (ForeignCores is { } foreign
        ? foreign > BusyShare * Cores
        : LoadAverageBefore is { } load && load > BusyLoadPerCore * Cores);

    /// <summary>"other programs kept 0.1 → 1.3 of 2 cores busy (load average 2.5 → 3.9)".</summary>
    public string Describe()
    {
        var foreign = ForeignCores is null
            ? $"other programs' use of the {Cores} cores was not measured"
            : $"other programs kept {Core(ForeignCoresBefore)} → {Core(ForeignCoresAfter)} of {Cores} cores busy";
        var average = LoadAverageBefore is null && LoadAverageAfter is null
            ? string.Empty
            : $" (load average {Core(LoadAverageBefore)} → {Core(LoadAverageAfter)})";
        return foreign + average;
    }

    /// <summary>The verdict as it stands on an idle machine; on a busy one, "inconclusive", why, then what was measured.</summary>
    public string Qualify(string verdict) =>
        IsBusy ? $"inconclusive: the machine was busy ({Describe()}), so these times say more about it than about the program; rerun on an idle " +
            $"machine. Measured: {verdict}" : verdict;

    private static string Core(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "?";
}
