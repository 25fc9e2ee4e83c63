using SerialCluster.Workloads.Calibration;

namespace SerialCluster.Workloads.Tests.Calibration;

public sealed class LatencyWindowTests
{
    [Fact]
    public void PercentilesAreNearestRank()
    {
        var window = new LatencyWindow(100);
        for (var i = 100; i >= 1; i--)
        {
            window.Add(i);
        }

        Assert.Equal(50, window.Percentile(50));
        Assert.Equal(99, window.Percentile(99));
        Assert.Equal(100, window.Percentile(100));
        Assert.Equal(1, window.Percentile(1));
    }

    [Fact]
    public void KeepsOnlyTheMostRecentSamples()
    {
        var window = new LatencyWindow(3);
        foreach (var sample in new[] { 1000.0, 1000, 1000, 5, 6, 7 })
        {
            window.Add(sample);
        }

        Assert.Equal(3, window.Count);
        Assert.Equal(6, window.Percentile(50));
        Assert.Equal(7, window.Percentile(99));
    }

    [Fact]
    public void EmptyWindowHasNoPercentile() => Assert.True(double.IsNaN(new LatencyWindow(4).Percentile(50)));
}
