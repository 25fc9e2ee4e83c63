using SerialCluster.Grains.Hosting;

namespace SerialCluster.Grains.Tests.Placement;

/// <summary>Two silos that never calibrate: what placement does before any calibration has arrived.</summary>
public sealed class UncalibratedFixture() : InProcessClusterFixture(SiloCount)
{
    public const int SiloCount = 2;

    protected override void ConfigureOptions(string siloName, SerialClusterOptions options)
    {
        options.CalibrationEnabled = false;
        options.HopProbeInterval = TimeSpan.Zero;
    }
}
