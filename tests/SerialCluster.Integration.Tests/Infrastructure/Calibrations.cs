using Orleans.Runtime;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.Execution;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>Waits for every silo to publish a calibration; skips the test, saying why, where none arrives.</summary>
public static class Calibrations
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Polls until every silo's calibration is there (and, with <paramref name="measuredAfter"/>, measured after
    /// that moment). Skips the test when no silo has published any within <see cref="Deadline"/>: the silos
    /// do not run a calibration service.
    /// </summary>
    public static async Task<Dictionary<string, SiloCapacity>> WaitForAllAsync(
        ProcessCluster cluster, IReadOnlyCollection<MembershipEntry> silos, DateTimeOffset? measuredAfter = null)
    {
        Dictionary<string, SiloCapacity>? last = null;
        var all = await Poll.TryUntilAsync(Deadline, async () =>
        {
            last = await cluster.ReadCapacitiesAsync(silos);
            return last.Values.All(c => c.Calibration is { } m && (measuredAfter is null || Began(m) >= measuredAfter)) ? last : null;
        });
        if (all is not null)
        {
            return all;
        }

        var missing = string.Join(", ", last!.Values.Where(c => c.Calibration is null).Select(c => c.Silo).Order(StringComparer.Ordinal));
        if (last.Values.All(c => c.Calibration is null))
        {
            throw new SkipException(
                $"no calibration published within {Deadline.TotalSeconds:F0} s by {missing}: these silos do not run the calibration service");
        }

        var stale = string.Join(
            ", ",
            last.Values.Select(c => $"{c.Silo} measured at {c.Calibration?.MeasuredAt:O} for {c.Calibration?.MeasurementSeconds:F2} s"));
        throw new TimeoutException($"timed out after {Deadline.TotalSeconds:F0} s waiting for every silo to calibrate after {measuredAfter:O}: {stale}");
    }

    /// <summary>When a measurement began at the latest, whether MeasuredAt marks its start or its end.</summary>
    private static DateTimeOffset Began(SiloCalibration calibration) =>
        calibration.MeasuredAt - TimeSpan.FromSeconds(calibration.MeasurementSeconds);
}
