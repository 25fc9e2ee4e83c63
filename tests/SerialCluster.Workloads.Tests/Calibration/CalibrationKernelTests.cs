using SerialCluster.Workloads.Calibration;

namespace SerialCluster.Workloads.Tests.Calibration;

public sealed class CalibrationKernelTests
{
    private static readonly TimeSpan Duration = CalibrationKernel.MinimumDuration;

    [Fact]
    public void SingleThreadScoreIsAPositiveFiniteRate()
    {
        var score = CalibrationKernel.MeasureSingleThread(Duration);
        // Sane bounds for one SHA-256 compression per step: above 10 k/s on the slowest managed path, below
        // 1 G/s (a step is tens of nanoseconds at the very least).
        Assert.InRange(score, 1e4, 1e9);
    }

    [Fact]
    public void AllCoreScoreCountsEveryThread()
    {
        var total = CalibrationKernel.MeasureAllCore(2, Duration);
        Assert.InRange(total, 1e4, 2e9);
    }

    [Fact]
    public void ShorterThanTheMinimumIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationKernel.MeasureSingleThread(TimeSpan.FromMilliseconds(50)));

    [Fact]
    public void CancellationStopsTheMeasurement()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CalibrationKernel.MeasureSingleThread(Duration, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => CalibrationKernel.MeasureAllCore(2, Duration, cancelled.Token));
    }
}
