using SerialCluster.Analysis.Statistics;

namespace SerialCluster.Analysis.Tests.Statistics;

public sealed class SampleStatisticsTests
{
    [Fact]
    public void MedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(2, SampleStatistics.Median([3, 1, 2]));
        Assert.Equal(2.5, SampleStatistics.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void MedianOfNothingIsNaN() => Assert.True(double.IsNaN(SampleStatistics.Median([])));
}
