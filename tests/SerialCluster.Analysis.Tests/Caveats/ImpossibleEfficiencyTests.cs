using SerialCluster.Analysis.Caveats;
using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Caveats;

public sealed class ImpossibleEfficiencyTests
{
    [Theory]
    [InlineData(2.3, 2, true)]
    [InlineData(3.0, 2, true)]
    [InlineData(2.1, 2, false)]
    [InlineData(1.9, 2, false)]
    public void EfficiencyAboveOneHundredPercentBeyondNoiseIsImpossible(double speedup, int cores, bool impossible) =>
        Assert.Equal(impossible, ImpossibleEfficiency.Is(speedup, cores));

    [Fact]
    public void ADemoSpeedupAboveTheCoresIsFlaggedNotCalledParallel()
    {
        var verdict = ScalingVerdict.Describe(planBound: 16, measuredSpeedup: 2.6, processors: 2, machineCores: 2);

        Assert.StartsWith("2.60× on 2 core(s) is 130 % efficiency", verdict, StringComparison.Ordinal);
        Assert.EndsWith("inconclusive", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCoresThatRanItAreTheLimitNotTheRequestedP() =>
        Assert.StartsWith(
            "3.00× on 2 core(s)", ScalingVerdict.Describe(planBound: 16, measuredSpeedup: 3.0, processors: 8, machineCores: 2), StringComparison.Ordinal);
}
