using SerialCluster.Kernels.Analysis.CostModel;

namespace SerialCluster.Kernels.Tests.Analysis.CostModel;

public sealed class PlanShapesTests
{
    [Theory]
    [InlineData("4096", "10000", 2)]
    [InlineData("1048576", "1000", 2)]
    [InlineData("256", "10000", 8)]
    public void KeptShapesAreThePlansOwnAndItsVariants(string width, string steps, int slots)
    {
        var plan = Synthetic.Plan("eca", ("width", width), ("steps", steps));
        Assert.Equal(PlanShape.Of(plan).Stages, PlanShapes.Of(plan).Stages);
        var fresh = PlanVariants.Candidates(plan, slots);
        // Asked twice (the second time from the cache, for a plan compiled again from the same parameters).
        foreach (var kept in new[]
        {
            PlanShapes.Candidates(plan, slots),
            PlanShapes.Candidates(Synthetic.Plan("eca", ("width", width), ("steps", steps)), slots),
        })
        {
            Assert.Equal(fresh.Count, kept.Count);
            for (var i = 0; i < fresh.Count; i++)
            {
                Assert.Equal(fresh[i].Changes, kept[i].Changes);
                Assert.Equal(fresh[i].Shape.Stages, kept[i].Shape.Stages);
            }
        }
    }

    [Fact]
    public void OtherParametersOrSlotsAreOtherEntries()
    {
        var narrow = Synthetic.Plan("eca", ("width", "4096"), ("steps", "10000"));
        var wide = Synthetic.Plan("eca", ("width", "65536"), ("steps", "10000"));
        Assert.NotEqual(PlanShapes.Of(narrow).Stages, PlanShapes.Of(wide).Stages);
        Assert.NotEqual(
            PlanShapes.Candidates(narrow, 2).Select(v => string.Join(",", v.Changes.Values)),
            PlanShapes.Candidates(narrow, 16).Select(v => string.Join(",", v.Changes.Values)));
    }
}
