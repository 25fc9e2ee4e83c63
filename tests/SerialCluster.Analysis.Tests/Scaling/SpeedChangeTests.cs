using SerialCluster.Analysis.Scaling;
using SerialCluster.Analysis.Schedule;

namespace SerialCluster.Analysis.Tests.Scaling;

public sealed class SpeedChangeTests
{
    [Theory]
    [InlineData(3.0, 2.0, "1.50× faster")]
    [InlineData(2.0, 3.0, "1.50× slower")]
    [InlineData(2.0, 2.0, "same time")]
    [InlineData(2.0, 0.0, "—")]
    public void ATimeChangeIsSaidWithoutAFractionOfFaster(double baseline, double seconds, string expected) =>
        Assert.Equal(expected, SpeedChange.Describe(baseline, seconds));

    [Fact]
    public void TheWhatIfAnswerSaysSlowerWhenAnUpgradeLosesTime()
    {
        var text = new WhatIfAnswer(2, 2, BaselineSeconds: 2.0, MoreCoresSeconds: 3.0, FasterCoresSeconds: 1.0).Describe();

        Assert.Contains("2× the cores: 3.000 s (1.50× slower)", text, StringComparison.Ordinal);
        Assert.Contains("cores 2× as fast: 1.000 s (2.00× faster)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0.67×", text, StringComparison.Ordinal);
    }
}
