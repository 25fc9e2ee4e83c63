using SerialCluster.CostModel.Shapes;

namespace SerialCluster.CostModel.Tests.Shapes;

public sealed class PlanShapesTests
{
    [Theory]
    [InlineData("4096", "10000", 2)]
    [InlineData("1048576", "1000", 2)]
    [InlineData("256", "10000", 8)]
    public void KeptShapesAreThePlansOwnAndItsVariants(string width, string steps, int slots)
    {
        var shapes = new PlanShapes();
        var plan = Synthetic.Plan("eca", ("width", width), ("steps", steps));
        Assert.Equal(PlanShape.Of(plan).Stages, shapes.Of(plan).Stages);
        var fresh = PlanVariants.Candidates(plan, slots);
        // Asked twice (the second time from the cache, for a plan compiled again from the same parameters).
        var again = Synthetic.Plan("eca", ("width", width), ("steps", steps));
        foreach (var kept in new[] { shapes.Candidates(plan, slots), shapes.Candidates(again, slots) })
        {
            Assert.Equal(fresh.Count, kept.Count);
            for (var i = 0; i < fresh.Count; i++)
            {
                Assert.Equal(fresh[i].Changes, kept[i].Changes);
                Assert.Equal(fresh[i].Shape.Stages, kept[i].Shape.Stages);
            }
        }

        Assert.Same(shapes.Of(plan), shapes.Of(again));
    }

    [Fact]
    public void OtherParametersOrSlotsAreOtherEntries()
    {
        var shapes = new PlanShapes();
        var narrow = Synthetic.Plan("eca", ("width", "4096"), ("steps", "10000"));
        var wide = Synthetic.Plan("eca", ("width", "65536"), ("steps", "10000"));
        Assert.NotEqual(shapes.Of(narrow).Stages, shapes.Of(wide).Stages);
        Assert.NotEqual(
            shapes.Candidates(narrow, 2).Select(v => string.Join(",", v.Changes.Values)),
            shapes.Candidates(narrow, 16).Select(v => string.Join(",", v.Changes.Values)));
    }
}
