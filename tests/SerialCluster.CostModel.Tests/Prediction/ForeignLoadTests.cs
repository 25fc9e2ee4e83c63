using SerialCluster.CostModel.Prediction;

namespace SerialCluster.CostModel.Tests.Prediction;

public sealed class ForeignLoadTests
{
    [Fact]
    public void ForeignLoadIsTheLeastBusyNotOwnedOverTheSlices()
    {
        // A burst of 1.5 foreign cores in slice 1 comes and goes; 0.5 persists throughout; slice 3 is unmeasured.
        double[] machine = [1.5, 2.0, 0.7, double.NaN, 1.0];
        double[] own = [1.0, 0.0, 0.2, 0.0, 0.5];
        Assert.Equal(0.5, ForeignLoad.Estimate(machine, own), 12);
    }

    [Fact]
    public void OwnUseAboveTheMachinesReadingCountsAsNoForeignLoad() =>
        Assert.Equal(0, ForeignLoad.Estimate([0.9, 1.0], [1.0, 1.2]));

    [Fact]
    public void NoReadingMeansNoForeignLoad() => Assert.Equal(0, ForeignLoad.Estimate([double.NaN], [0.1]));

    [Theory]
    [InlineData(2, 0, 1, 1.0)]      // an idle machine: a whole core
    [InlineData(2, 1, 1, 1.0)]      // one core taken, one left
    [InlineData(2, 2, 1, 2.0 / 3)]  // three runnable threads on two cores
    [InlineData(2, 0, 4, 0.5)]      // the job's own four tasks on two cores
    [InlineData(2, 2, 2, 0.5)]
    public void ShareIsTheFairShareOfTheCores(double cores, double foreign, double threads, double share) =>
        Assert.Equal(share, ForeignLoad.Share(cores, foreign, threads), 12);

    [Fact]
    public void ForeignLoadSlowsEachModeByItsFairShare()
    {
        // 16 tasks of a million samples each on one 2-core machine that other programs keep 2 cores busy on: the
        // pinned chain gets 2/3 of a core (1.5× slower), each of the two tasks 1/2 (2× slower), so scatter's gain over
        // pinned shrinks from 2 to 4/3; the fixed costs do not change.
        var plan = Synthetic.Plan("montecarlo", ("samples", "16000000"), ("tasks", "16"));
        var idle = new List<SiloFigures> { Synthetic.Silo("a", "m", 2) };
        var loaded = new List<SiloFigures> { Synthetic.Silo("a", "m", 2) with { ForeignBusyCores = 2 } };
        var pinnedIdle = CostPredictor.Pinned(Synthetic.Inputs(plan, idle, 2));
        var pinnedLoaded = CostPredictor.Pinned(Synthetic.Inputs(plan, loaded, 2));
        var scatterIdle = CostPredictor.Scatter(Synthetic.Inputs(plan, idle, 2));
        var scatterLoaded = CostPredictor.Scatter(Synthetic.Inputs(plan, loaded, 2));
        Assert.Equal(1.5, pinnedLoaded.ComputeSeconds / pinnedIdle.ComputeSeconds, 9);
        Assert.Equal(2.0, scatterLoaded.ComputeSeconds / scatterIdle.ComputeSeconds, 9);
        Assert.Equal(pinnedIdle.OverheadSeconds, pinnedLoaded.OverheadSeconds, 12);
        Assert.Equal(scatterIdle.OverheadSeconds, scatterLoaded.OverheadSeconds, 12);
    }

    [Fact]
    public void TheChainGoesToTheSameSiloWhateverTheLoadButRunsSlowerThere()
    {
        var silos = new List<SiloFigures> { Synthetic.Silo("a", "m", 2, score: 2) with { ForeignBusyCores = 3 }, Synthetic.Silo("b", "n", 2, score: 1) };
        Assert.Equal("a", CostPredictor.SerialSilo(silos).Name);
        Assert.Equal(2 * 0.5, CostPredictor.ChainSpeed(silos), 12);
        Assert.Equal(1, CostPredictor.ChainSpeed(silos[1], silos), 12);
    }
}
