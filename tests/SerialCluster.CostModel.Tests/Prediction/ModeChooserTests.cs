using System.Globalization;
using SerialCluster.CostModel.Costs;
using SerialCluster.CostModel.Prediction;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.CostModel.Tests.Prediction;

public sealed class ModeChooserTests
{
    private static readonly List<SiloFigures> ThreeMachines = Synthetic.Silos(3, 4);

    private static CostDecision Decide(WorkloadPlan plan, int parallelism = 12, UnitCosts? costs = null) =>
        ModeChooser.Decide(plan, ThreeMachines, parallelism, costs ?? Synthetic.Costs(), Synthetic.Dispatch);

    [Fact]
    public void TinyTasksArePinned()
    {
        var decision = Decide(Synthetic.Plan("montecarlo", ("samples", "16000"), ("tasks", "16")));
        Assert.Equal(ModePrediction.Pinned, decision.Choice.Mode);
    }

    [Fact]
    public void LargeIndependentTasksAreScattered()
    {
        var decision = Decide(Synthetic.Plan("montecarlo", ("samples", "1000000000"), ("tasks", "16")));
        Assert.Equal(ModePrediction.Scatter, decision.Choice.Mode);
        Assert.True(decision.Choice.Seconds < decision.For(ModePrediction.Pinned).Seconds / 5);
    }

    [Fact]
    public void AChainIsPinnedHoweverLong()
    {
        foreach (var steps in new[] { "1000", "1000000", "100000000000" })
        {
            var decision = Decide(Synthetic.Plan("hashchain", ("steps", steps)));
            Assert.Equal(ModePrediction.Pinned, decision.Choice.Mode);
        }
    }

    [Fact]
    public void TinyStepsOfASteppedJobArePinned()
    {
        // A 256-cell ring for 100,000 steps: hundreds of barriers against nanoseconds of work per strip per step.
        var plan = Synthetic.Plan("eca", ("width", "256"), ("steps", "100000"));
        var decision = Decide(plan, costs: Synthetic.Costs(perUnit: 1e-11, perStep: 1e-8));
        Assert.Equal(ModePrediction.Pinned, decision.Choice.Mode);
        Assert.Contains(decision.Predictions, p => p.Mode == ModePrediction.ScatterBatched);
    }

    [Fact]
    public void EveryPredictionIsRecordedAndTheChoiceIsTheFastest()
    {
        var decision = Decide(Synthetic.Plan("eca", ("width", "1048576"), ("steps", "20000")), costs: Synthetic.Costs(perUnit: 1e-10, perStep: 1e-8));
        Assert.Equal(ModePrediction.Pinned, decision.Predictions[0].Mode);
        Assert.Equal(ModePrediction.Scatter, decision.Predictions[1].Mode);
        Assert.All(decision.Predictions.Skip(2), p => Assert.Equal(ModePrediction.ScatterBatched, p.Mode));
        Assert.All(decision.Predictions.Skip(2), p => Assert.NotEmpty(p.Changes));
        Assert.Equal(decision.Predictions.Min(p => p.Seconds), decision.Choice.Seconds);
    }

    [Fact]
    public void TheChoiceFlipsWhereTheModelSays()
    {
        // Montecarlo, 16 tasks on P = 4 free cores (one machine), c seconds per sample, no per-step cost:
        //   pinned(N)  = J_p + c·N
        //   scatter(N) = J_s + 4 waves · c·N/16 + K,   K = barrier + 4 · dispatch + 16 tasks · 128 bytes · per-byte
        // Scatter is chosen once scatter(N) < (1 − m)·pinned(N), m the margin, so the choice flips at
        //   N* = (J_s + K − (1 − m)·J_p) / (c·(1 − m − 1/4)).
        var d = Synthetic.Dispatch;
        var c = Synthetic.SecondsPerUnit;
        var m = ModeChooser.ScatterMargin;
        var k = d.StageBarrierSeconds + (4 * d.TaskDispatchSeconds) + (2048 * d.SecondsPerByte);
        var crossover = (d.ScatterJobSeconds + k - ((1 - m) * d.PinnedJobSeconds)) / (c * (1 - m - 0.25));
        var silos = Synthetic.Silos(1, 4);
        CostDecision At(double samples) => ModeChooser.Decide(
            Synthetic.Plan("montecarlo", ("samples", ((long)samples).ToString(CultureInfo.InvariantCulture)), ("tasks", "16")),
            silos, 4, Synthetic.Costs(), d);

        Assert.InRange(crossover, 100_000, 10_000_000);
        Assert.Equal(ModePrediction.Pinned, At(crossover * 0.99).Choice.Mode);
        Assert.Equal(ModePrediction.Scatter, At(crossover * 1.01).Choice.Mode);
        // At the crossover itself scatter is exactly the margin faster (to the rounding of N to whole samples per task).
        var at = At(Math.Round(crossover / 16) * 16);
        Assert.Equal((1 - m) * at.For(ModePrediction.Pinned).Seconds, at.For(ModePrediction.Scatter).Seconds, 1e-6);
    }

    [Fact]
    public void AmdahlFlipsWithTheSerialFraction()
    {
        // work W, f serial, 16 chunks on 4 cores: scatter pays a chain call and a stage but saves (1 − f)·W·c·3/4.
        var f10 = Decide(Synthetic.Plan("amdahl", ("serialFraction", "0.1"), ("work", "10000000"), ("tasks", "16")), parallelism: 4);
        var f99 = Decide(Synthetic.Plan("amdahl", ("serialFraction", "0.999"), ("work", "10000000"), ("tasks", "16")), parallelism: 4);
        Assert.Equal(ModePrediction.Scatter, f10.Choice.Mode);
        Assert.Equal(ModePrediction.Pinned, f99.Choice.Mode);
    }

    [Fact]
    public void WithOnlyALowerBoundThePlansOwnBoundDecides()
    {
        var bound = new UnitCosts(new UnitCostLine(0, 1e-12), new UnitCostLine(0, 1e-12), UnitCostSource.LowerBound);
        // Measured costs this small would pin montecarlo; as a lower bound they only say "at least", so the plan's bound (16× on 12 cores) scatters it.
        Assert.Equal(ModePrediction.Scatter, Decide(Synthetic.Plan("montecarlo", ("samples", "1000000000"), ("tasks", "16")), costs: bound).Choice.Mode);
        Assert.Equal(ModePrediction.Pinned, Decide(Synthetic.Plan("hashchain", ("steps", "1000000")), costs: bound).Choice.Mode);
    }

    [Fact]
    public void OneCoreNeverScattersAWideJob()
    {
        var decision = Decide(Synthetic.Plan("montecarlo", ("samples", "1000000000"), ("tasks", "16")), parallelism: 1);
        Assert.Equal(ModePrediction.Pinned, decision.Choice.Mode);
    }
}
