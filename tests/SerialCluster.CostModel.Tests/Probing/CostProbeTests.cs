using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Probing;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests.Probing;

public sealed class CostProbeTests
{
    [Fact]
    public void AChainIsProbedThroughItsFirstSteps()
    {
        var probe = CostProbe.Run(Synthetic.Plan("hashchain", ("steps", "1000000000")), TimeSpan.FromMilliseconds(20));
        var chain = Assert.NotNull(probe.Chain);
        Assert.True(chain.Steps >= 1 && chain.Steps < 1_000_000_000);
        Assert.Equal(chain.Steps, chain.Units);
        Assert.True(chain.Seconds > 0);
        Assert.Null(probe.Parallel);
        Assert.False(probe.LowerBound);
    }

    [Fact]
    public void ASmallFirstTaskIsRunWhole()
    {
        var probe = CostProbe.Run(Synthetic.Plan("montecarlo", ("samples", "16000"), ("tasks", "16")), TimeSpan.FromSeconds(30));
        Assert.Equal(new StepSample(1000, 1, probe.Parallel!.Value.Seconds), probe.Parallel);
        Assert.False(probe.LowerBound);
        Assert.Null(probe.Chain);
    }

    [Fact]
    public void AFirstTaskLongerThanTheBudgetIsCutAndOnlyALowerBound()
    {
        // 62.5 billion samples in task 0: it cannot finish in a millisecond.
        var probe = CostProbe.Run(Synthetic.Plan("montecarlo", ("samples", "1000000000000"), ("tasks", "16")), TimeSpan.FromMilliseconds(1));
        Assert.True(probe.LowerBound);
        Assert.Equal(62_500_000_000, probe.Parallel!.Value.Units);
    }

    public static TheoryData<string, int> EveryWorkloadAndBudget()
    {
        var data = new TheoryData<string, int>();
        foreach (var workload in WorkloadCatalog.All)
        {
            data.Add(workload.Name, 0);
            data.Add(workload.Name, 1);
            data.Add(workload.Name, 40);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryWorkloadAndBudget))]
    public void EveryWorkloadCanBeProbedWithAnyBudget(string workload, int milliseconds)
    {
        var plan = WorkloadCatalog.Get(workload).Plan(WorkloadCatalog.Get(workload).Example);
        var probe = CostProbe.Run(plan, TimeSpan.FromMilliseconds(milliseconds));
        Assert.True(probe.Chain is not null || probe.Parallel is not null, $"{workload}: the probe measured nothing");
        Assert.True(probe.Chain is not { } c || (c.Seconds >= 0 && c.Steps >= 1));
    }
}
