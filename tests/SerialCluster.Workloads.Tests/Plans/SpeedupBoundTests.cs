using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Plans;

public sealed class SpeedupBoundTests
{
    [Fact]
    public void ChainCannotBeSpedUp() =>
        Assert.Equal(1.0, WorkloadPlan.SpeedupBound([StageSpec.Chain("c", 1000)], 64));

    [Fact]
    public void EqualTasksAreBoundedByTheSmallerOfPAndTaskCount()
    {
        var stage = StageSpec.Parallel("p", 8, 800, 100);
        Assert.Equal(2.0, WorkloadPlan.SpeedupBound([stage], 2), 12);
        Assert.Equal(8.0, WorkloadPlan.SpeedupBound([stage], 64), 12);
    }

    [Fact]
    public void ChainThenWideStageIsAmdahl()
    {
        // f = 0.25 serial, the rest perfectly divisible (1000 tasks): the bound is Amdahl's law, 1 / (f + (1 − f)/P).
        var stages = new[] { StageSpec.Chain("c", 250), StageSpec.Parallel("p", 750, 750, 1) };
        Assert.Equal(1.0 / (0.25 + (0.75 / 4)), WorkloadPlan.SpeedupBound(stages, 4), 12);
    }

    [Fact]
    public void APlansBoundIsItsStagesBound()
    {
        var plan = WorkloadCatalog.Get("eca").Plan(WorkloadCatalog.Get("eca").Example);
        Assert.Equal(WorkloadPlan.SpeedupBound(plan.Stages, 4), plan.SpeedupBound(4));
    }
}
