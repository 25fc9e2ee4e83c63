using SerialCluster.CostModel.Shapes;

namespace SerialCluster.CostModel.Tests.Shapes;

/// <summary>The cost model prices whatever splits a plan offers, for a workload it has never been told about.</summary>
public sealed class AnyWorkloadVariantsTests
{
    private static readonly SumWorkload Sum = new();

    [Fact]
    public void TheSplitsAPlanOffersBecomeCandidatesWithoutTheRefusedOrRepeatedOnes()
    {
        var plan = Sum.Plan(Sum.Example);
        var variants = PlanVariants.Candidates(plan, slots: 2, Sum);
        var variant = Assert.Single(variants);
        Assert.Equal("2", variant.Changes["tasks"]);
        Assert.Equal(2, variant.Plan.Stages[0].TaskCount);
        Assert.Equal(2, variant.Shape.Stages[0].Tasks);
    }

    [Fact]
    public void ASplitThatIsThePlanItselfIsNoCandidate() =>
        Assert.Empty(PlanVariants.Candidates(Sum.Plan(new Dictionary<string, string> { ["tasks"] = "2" }), slots: 2, Sum));

    [Fact]
    public void TheShapeTakesTheTaskCostThePlanGives()
    {
        var stage = Assert.Single(PlanShape.Of(Sum.Plan(Sum.Example)).Stages);
        Assert.Equal(3, stage.StepsPerTask);
        Assert.Equal(16, stage.BytesPerTask);
    }
}
