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

    [Fact]
    public void ASerialChainFasterOnTwoCoresThanPinnedIsFlaggedNotCalledSerialOrParallel()
    {
        var verdict = ScalingVerdict.Describe(planBound: 1.0, measuredSpeedup: 1.29, processors: 2, machineCores: 2);

        Assert.StartsWith("1.29× is above the 1.00× the plan allows on 2 core(s)", verdict, StringComparison.Ordinal);
        Assert.EndsWith("inconclusive", verdict, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, 1.2)]
    [InlineData(16, 2.2)]
    public void ASpeedupWithinNoiseOfTheBoundIsJudgedAsMeasured(double bound, double speedup) =>
        Assert.DoesNotContain("above the", ScalingVerdict.Describe(bound, speedup, 2, 2), StringComparison.Ordinal);
}
