using SerialCluster.Analysis.Scaling;

namespace SerialCluster.Analysis.Tests.Scaling;

public sealed class CoreCapacityTests
{
    [Fact]
    public void CapacityIsPTimesTheLoneTaskOverThePTaskRunPerRoundThenTheMedian()
    {
        // Round 1: 2 · 1.0/1.25 = 1.6; round 2: 2 · 1.2/1.2 = 2.0 (the machine slower alone too); round 3: 2 · 1.0/1.0 = 2.0.
        ControlRun[] runs =
        [
            new(1, 1, 1.0), new(2, 1, 1.25),
            new(1, 2, 1.2), new(2, 2, 1.2),
            new(1, 3, 1.0), new(2, 3, 1.0),
        ];

        var capacity = CoreCapacity.From(runs);

        Assert.Equal([1, 2], capacity.Select(c => c.P).ToArray());
        Assert.Equal(new CoreCapacity(1, 1, 1, 1, 3), capacity[0]);
        var two = capacity[1];
        Assert.Equal(2.0, two.Capacity, 9);
        Assert.Equal(1.6, two.MinCapacity, 9);
        Assert.Equal(2.0, two.MaxCapacity, 9);
        Assert.Equal(3, two.Rounds);
    }

    [Fact]
    public void RoundsWithoutALoneRunAreLeftOutAndNoLoneRunMeansNoCapacity()
    {
        Assert.Equal(1, CoreCapacity.From([new(1, 1, 1.0), new(2, 1, 1.0), new(2, 2, 0.1)])[1].Rounds);
        Assert.Empty(CoreCapacity.From([new(2, 1, 1.0)]));
    }

    [Fact]
    public void TheAnalysisCarriesTheCapacityAndBothFits()
    {
        // f = 0.25 on 2 cores that deliver 1.6: T(2) = 10 · (0.25 + 0.75/1.6) = 7.1875.
        Observation[] runs = [new(1, 10), new(1, 10), new(2, 7.1875), new(2, 7.1875), new(4, 7.5)];
        ControlRun[] controls = [new(1, 1, 0.5), new(2, 1, 0.625), new(1, 2, 0.5), new(2, 2, 0.625)];

        var analysis = ScalingAnalysis.Analyze(runs, cores: 2, workSpan: null, controls);

        Assert.Equal(1.6, analysis.CapacityAt(2)!.Capacity, 9);
        Assert.Null(analysis.CapacityAt(4));
        Assert.Equal(0.25, analysis.AmdahlOnMeasuredCores!.SerialFraction.Value, 3);
        Assert.Equal(4, analysis.AmdahlOnMeasuredCores.Observations);
        Assert.True(analysis.Amdahl!.SerialFraction.Value > 0.4);
        Assert.Null(ScalingAnalysis.Analyze(runs, cores: 2, workSpan: null).AmdahlOnMeasuredCores);
    }
}
