using SerialCluster.Abstractions.Calibration;

namespace SerialCluster.Grains.Calibration;

/// <summary>
/// What a silo's calibration means for one thread and for each task when a CPU quota gives it less than a core. The kernel
/// runs a quota'd thread at full speed until the period's quota is spent, then not at all, so a short single-thread probe can
/// read the whole core; over a job's length one thread gets at most the silo's all-core rate.
/// </summary>
public static class QuotaSpeed
{
    /// <summary>One thread's sustained rate: the single-thread score, at most the all-core score under a quota below one core.</summary>
    public static double SingleThread(SiloCalibration calibration) =>
        calibration is { UsableCores: > 0 and < 1, AllCoreScore: > 0 }
            ? Math.Min(calibration.SingleThreadScore, calibration.AllCoreScore)
            : calibration.SingleThreadScore;
}
