using SerialCluster.CostModel.History;
using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests.History;

public sealed class CostSamplerTests
{
    private static readonly Dictionary<string, string> Mdp = new()
    {
        ["preset"] = "random",
        ["states"] = "1000",
        ["gamma"] = "0.9",
        ["horizon"] = "100",
        ["tasks"] = "4",
    };

    [Fact]
    public void APinnedChainThatStoppedEarlyIsSampledAtTheUnitsAndStepsItComputed()
    {
        // A value iteration that converged at sweep 25 of a 100-sweep cap: its chain computed a quarter of the plan.
        var plan = WorkloadCatalog.Get("mdp").Plan(Mdp);
        var shape = PlanShape.Of(plan);
        var done = plan.UnitsDone(25).Work;
        StageMeasurement[] measured = [new(StageKind.Chain, 1, 0.05, 0.04, 0.04)];

        var early = CostSampler.Pinned(shape, measured, 0.05, 1.0, calibrated: false, unitsDone: done);
        Assert.Equal(25L * 1000 * 4 * 3, done);
        Assert.Equal(done, early.Chain!.Value.Units, 6);
        Assert.Equal(25, early.Chain.Value.Steps, 9);

        var whole = CostSampler.Pinned(shape, measured, 0.05, 1.0, calibrated: false, unitsDone: plan.Work);
        Assert.Equal(plan.Work, whole.Chain!.Value.Units, 6);
        Assert.Equal(100, whole.Chain.Value.Steps, 9);
        Assert.Equal(whole, CostSampler.Pinned(shape, measured, 0.05, 1.0, calibrated: false));
    }

    [Fact]
    public void APinnedStagedRunThatStoppedEarlyIsSampledAtTheUnitsItComputed()
    {
        var plan = WorkloadCatalog.Get("mdp").Plan(Mdp);
        var shape = PlanShape.Of(plan) with { WholeChain = null };
        StageMeasurement[] measured = [new(StageKind.Parallel, 40, 0.05, 0.04, 0.001)];
        var sample = CostSampler.Pinned(shape, measured, 0.05, 1.0, calibrated: false, unitsDone: plan.UnitsDone(10).Work);
        Assert.Equal(10L * 1000 * 4 * 3, sample.ParallelAlone!.Value.Units, 6);
        Assert.Equal(40, sample.ParallelAlone.Value.Tasks, 9);
    }
}
