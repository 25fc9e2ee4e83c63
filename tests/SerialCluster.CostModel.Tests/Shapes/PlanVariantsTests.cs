using SerialCluster.CostModel.Shapes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests.Shapes;

public sealed class PlanVariantsTests
{
    public static TheoryData<string, int> SteppedWorkloads() => new()
    {
        { "eca", 2 }, { "eca", 3 }, { "nbody", 2 }, { "mdp", 2 }, { "cvp", 2 }, { "cvp", 4 }, { "arith", 2 }, { "refine", 2 },
    };

    [Theory]
    [MemberData(nameof(SteppedWorkloads))]
    public void EveryVariantIsCoarserAndComputesTheSameResultBitForBit(string workload, int slots)
    {
        var plan = WorkloadCatalog.Get(workload).Plan(WorkloadCatalog.Get(workload).Example);
        var variants = PlanVariants.Candidates(plan, slots);
        Assert.NotEmpty(variants);
        var expected = LocalPlanRunner.Run(plan, parallelism: 2).Result.ToJsonString();
        foreach (var (changes, variant, _) in variants)
        {
            var label = $"{workload} with {string.Join(", ", changes.Select(c => $"{c.Key}={c.Value}"))}";
            Assert.True(
                variant.Stages.Count < plan.Stages.Count || variant.Stages.Max(s => s.TaskCount) < plan.Stages.Max(s => s.TaskCount) ||
                variant.Stages.Sum(s => (long)s.TaskCount) < plan.Stages.Sum(s => (long)s.TaskCount),
                $"{label} is not coarser than the plan");
            Assert.Equal(expected, LocalPlanRunner.Run(variant, parallelism: 2).Result.ToJsonString());
            var applied = PlanVariants.Apply(plan.Parameters.Canonical, changes);
            Assert.Equal(variant.Parameters.Canonical, applied.Where(p => variant.Parameters.Canonical.ContainsKey(p.Key)).ToDictionary());
        }
    }

    [Theory]
    [InlineData("montecarlo")]
    [InlineData("hashchain")]
    [InlineData("amdahl")]
    [InlineData("sudoku")]
    public void OtherWorkloadsHaveNoVariants(string workload) =>
        Assert.Empty(PlanVariants.Candidates(WorkloadCatalog.Get(workload).Plan(WorkloadCatalog.Get(workload).Example), 2));

    [Fact]
    public void EcaVariantsIncludeOneStripPerCoreInOneStage()
    {
        var plan = Synthetic.Plan("eca", ("width", "1048576"), ("steps", "1000"));
        var variants = PlanVariants.Candidates(plan, 2);
        Assert.Contains(variants, v => v.Changes["strips"] == "2" && v.Plan.Stages.Count == 1 && v.Plan.Stages[0].TaskCount == 2);
    }
}
