using SerialCluster.CostModel.Prediction;
using SerialCluster.CostModel.Shapes;

namespace SerialCluster.CostModel.Tests.Prediction;

public sealed class CostPredictorTests
{
    [Fact]
    public void PinnedIsTheWholeWorkOnOneCorePlusTheJobsFixedCost()
    {
        var plan = Synthetic.Plan("montecarlo", ("samples", "1000000"), ("tasks", "16"));
        var pinned = CostPredictor.Pinned(Synthetic.Inputs(plan, Synthetic.Silos(3, 4), 12));
        Assert.Equal(ModePrediction.Pinned, pinned.Mode);
        Assert.Equal(1_000_000 * Synthetic.SecondsPerUnit, pinned.ComputeSeconds, 12);
        Assert.Equal(Synthetic.Dispatch.PinnedJobSeconds, pinned.OverheadSeconds, 12);
    }

    [Fact]
    public void ScatterOfEqualTasksIsWholeWavesPlusDispatchPerWaveAndOneBarrier()
    {
        // 16 tasks of 62,500 samples on 4 free cores: 4 waves.
        var plan = Synthetic.Plan("montecarlo", ("samples", "1000000"), ("tasks", "16"));
        var scatter = CostPredictor.Scatter(Synthetic.Inputs(plan, Synthetic.Silos(1, 4), 64));
        var d = Synthetic.Dispatch;
        Assert.Equal(4 * 62_500 * Synthetic.SecondsPerUnit, scatter.ComputeSeconds, 12);
        Assert.Equal(d.ScatterJobSeconds + d.StageBarrierSeconds + (4 * d.TaskDispatchSeconds) + (16 * 128 * d.SecondsPerByte), scatter.OverheadSeconds, 12);
    }

    [Fact]
    public void StageCostIsNeverExtrapolatedBelowTheFewestWavesMeasured()
    {
        // Stage costs measured at 4 waves and more only: a one-wave split is charged as four waves, not less.
        var plan = Synthetic.Plan("montecarlo", ("samples", "1000000"), ("tasks", "4"));
        var measuredFrom4 = Synthetic.Dispatch with { MinWaves = 4 };
        var inputs = Synthetic.Inputs(plan, Synthetic.Silos(1, 4), 4) with { Dispatch = measuredFrom4 };
        var d = Synthetic.Dispatch;
        var overhead = d.ScatterJobSeconds + d.StageBarrierSeconds + (4 * d.TaskDispatchSeconds) + (4 * 128 * d.SecondsPerByte);
        Assert.Equal(overhead, CostPredictor.Scatter(inputs).OverheadSeconds, 12);
        Assert.Equal(d.StageBarrierSeconds + (6 * d.TaskDispatchSeconds), measuredFrom4.StageSeconds(6), 12);
    }

    [Fact]
    public void PinnedUsesTheWholeChainFormWithNoPerStageCost()
    {
        // eca's staged plan has many stages; pinned runs its whole-row chain: plan work over the plan's steps.
        var plan = Synthetic.Plan("eca", ("width", "4096"), ("steps", "3000"), ("strips", "8"));
        var shape = PlanShape.Of(plan);
        Assert.True(shape.StageCount > 1);
        Assert.Equal(new WholeChainShape(4096L * 3000, 3000), shape.WholeChain);
        var costs = Synthetic.Costs(perUnit: 1e-11, perStep: 1e-8);
        var pinned = CostPredictor.Pinned(new CostInputs(shape, Synthetic.Silos(1, 2), 2, costs, Synthetic.Dispatch));
        Assert.Equal((4096.0 * 3000 * 1e-11) + (3000 * 1e-8), pinned.ComputeSeconds, 1e-15);
    }

    [Fact]
    public void ChainsGoToTheFastestSiloThatTakesChains()
    {
        var silos = new List<SiloFigures>
        {
            Synthetic.Silo("slow", "a", 8, score: 1.0),
            Synthetic.Silo("fast", "b", 2, score: 2.0),
            Synthetic.Silo("fastest-but-parallel", "c", 8, score: 4.0, chains: false),
        };
        Assert.Equal("fast", CostPredictor.SerialSilo(silos).Name);
        var plan = Synthetic.Plan("hashchain", ("steps", "1000000"));
        var pinned = CostPredictor.Pinned(Synthetic.Inputs(plan, silos, 18));
        Assert.Equal(1_000_000 * Synthetic.SecondsPerUnit / 2.0, pinned.ComputeSeconds, 12);
    }

    [Fact]
    public void SilosOnOneMachineShareItsCoresAndBusyCoresAreNotFree()
    {
        var threeOnTwoCores = new List<SiloFigures> { Synthetic.Silo("a", "m", 2), Synthetic.Silo("b", "m", 2), Synthetic.Silo("c", "m", 2) };
        Assert.Equal(2, CostPredictor.ParallelSlots(threeOnTwoCores));
        var busy = new List<SiloFigures> { Synthetic.Silo("a", "m", 8) with { RunningTasks = 3 }, Synthetic.Silo("b", "n", 4) };
        Assert.Equal(5 + 4, CostPredictor.ParallelSlots(busy));
    }

    [Fact]
    public void SlowSilosUnderEqualQuotasAreOneSlotEach()
    {
        // deploy/local-cluster.sh SILOS=8 CPU_QUOTA=0.25 on 2 CPUs: eight slots of a quarter core, not two whole cores.
        var slow = Enumerable.Range(0, 8)
            .Select(i => Synthetic.Silo($"silo-{i}", "boot", 1) with { CpuSet = "0-1", Process = $"boot/{100 + i}", UsableCores = 0.25 }).ToList();
        Assert.Equal(8, CostPredictor.ParallelSlots(slow));
        Assert.Equal(4, CostPredictor.EffectiveParallelism(slow, 4, 64));
        // Half-core quotas oversubscribe 2 CPUs beyond four silos: four slots.
        var half = slow.Select(s => s with { UsableCores = 0.5 }).ToList();
        Assert.Equal(4, CostPredictor.ParallelSlots(half));
    }

    [Fact]
    public void ContainersOnOneHostShareItsCpus()
    {
        // `--scale silo=3` on the compose defaults: three parallel containers on CPU 1, the serial one alone on CPU 0.
        var compose = new List<SiloFigures>
        {
            Synthetic.Silo("silo-serial", "boot", 1, tasks: false) with { CpuSet = "0", Process = "silo-serial/1" },
            Synthetic.Silo("c1", "boot", 1, chains: false) with { CpuSet = "1", Process = "c1/1" },
            Synthetic.Silo("c2", "boot", 1, chains: false) with { CpuSet = "1", Process = "c2/1" },
            Synthetic.Silo("c3", "boot", 1, chains: false) with { CpuSet = "1", Process = "c3/1" },
        };
        Assert.Equal(1, CostPredictor.ParallelSlots(compose));
        // Four unpinned containers on a 2-CPU host, and four with a quota of one CPU each: 2 either way.
        var unpinned = Enumerable.Range(0, 4).Select(i => Synthetic.Silo($"c{i}", "boot", 2) with { CpuSet = "0-1", Process = $"c{i}/1" }).ToList();
        Assert.Equal(2, CostPredictor.ParallelSlots(unpinned));
        var quotas = Enumerable.Range(0, 4).Select(i => Synthetic.Silo($"c{i}", "boot", 1) with { CpuSet = "0-3", Process = $"c{i}/1" }).ToList();
        Assert.Equal(4, CostPredictor.ParallelSlots(quotas));
        // The serial silo's chain shares its host's two cores with other programs' two busy threads.
        var loaded = compose.Select(s => s with { ForeignBusyCores = 2 }).ToList();
        Assert.Equal(ForeignLoad.Share(2, 2, 1), CostPredictor.ChainSpeed(loaded[0], loaded), 12);
    }

    [Fact]
    public void ScatterNeverPredictsSlowerWithMoreParallelismOrMoreCores()
    {
        var plans = new[]
        {
            Synthetic.Plan("montecarlo", ("samples", "100000000"), ("tasks", "64")),
            Synthetic.Plan("amdahl", ("serialFraction", "0.25"), ("work", "1000000"), ("tasks", "32")),
            Synthetic.Plan("eca", ("width", "65536"), ("steps", "2000")),
        };
        foreach (var plan in plans)
        {
            var previous = double.MaxValue;
            for (var p = 1; p <= 64; p++)
            {
                var seconds = CostPredictor.Scatter(Synthetic.Inputs(plan, Synthetic.Silos(4, 16), p)).Seconds;
                Assert.True(seconds <= previous * (1 + 1e-12), $"{plan.Parameters.Workload}: P={p} predicts {seconds} s, more than P={p - 1}'s {previous} s");
                previous = seconds;
            }

            previous = double.MaxValue;
            for (var machines = 1; machines <= 8; machines++)
            {
                var seconds = CostPredictor.Scatter(Synthetic.Inputs(plan, Synthetic.Silos(machines, 4), 64)).Seconds;
                Assert.True(seconds <= previous * (1 + 1e-12), $"{plan.Parameters.Workload}: {machines} machines predict {seconds} s, more than with fewer");
                previous = seconds;
            }
        }
    }

    [Fact]
    public void PredictionsScaleWithCoreSpeed()
    {
        var plan = Synthetic.Plan("montecarlo", ("samples", "100000000"), ("tasks", "16"));
        var slow = Synthetic.Inputs(plan, Synthetic.Silos(2, 4, score: 1.0), 8);
        var fast = Synthetic.Inputs(plan, Synthetic.Silos(2, 4, score: 2.0), 8);
        Assert.Equal(CostPredictor.Pinned(slow).ComputeSeconds / 2, CostPredictor.Pinned(fast).ComputeSeconds, 12);
        Assert.Equal(CostPredictor.Scatter(slow).ComputeSeconds / 2, CostPredictor.Scatter(fast).ComputeSeconds, 12);
    }

    [Fact]
    public void AllCoreSlowdownCountsOnceEveryCoreIsBusy()
    {
        var plan = Synthetic.Plan("montecarlo", ("samples", "100000000"), ("tasks", "4"));
        var turbo = new List<SiloFigures> { Synthetic.Silo("a", "m", 4) with { ConcurrentScore = 0.5 } };
        var one = CostPredictor.Scatter(Synthetic.Inputs(plan, turbo, 1)).ComputeSeconds;
        var four = CostPredictor.Scatter(Synthetic.Inputs(plan, turbo, 4)).ComputeSeconds;
        // One task at a time runs at the single-thread speed (a quarter of the cores busy: speed 0.875); four at once at half of it.
        Assert.Equal(4 * 25_000_000 * Synthetic.SecondsPerUnit / 0.875, one, 9);
        Assert.Equal(25_000_000 * Synthetic.SecondsPerUnit / 0.5, four, 9);
    }
}
