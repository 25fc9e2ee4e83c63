namespace SerialCluster.Grains.Calibration;

/// <summary>One machine's last calibration as <see cref="CalibrationCache"/> keeps it, under the key of what it measured.</summary>
public sealed record CachedCalibration(
    string Key,
    double SingleThreadScore,
    double AllCoreScore,
    DateTimeOffset MeasuredAt,
    double MeasurementSeconds);
