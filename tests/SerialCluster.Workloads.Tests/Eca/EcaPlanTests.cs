using System.Globalization;
using SerialCluster.Workloads.Eca;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;
using static SerialCluster.Workloads.Tests.Eca.EcaRun;

namespace SerialCluster.Workloads.Tests.Eca;

/// <summary>The same result however the job is split, run or shortcut; work and span as the formulas say.</summary>
public sealed class EcaPlanTests
{
    [Theory]
    [InlineData("rule=110 steps=500 width=2048 init=random seed=1 record=center")]
    [InlineData("rule=30 steps=500 boundary=zero record=center")]
    [InlineData("rule=110 steps=300 width=700 init=random boundary=zero seed=2 record=center")]
    [InlineData("rule=45 steps=200 width=333 init=random seed=3 record=center")]
    [InlineData("rule=129 steps=150 boundary=zero record=center")]
    [InlineData("rule=54 steps=257 width=1 init=random seed=4")]
    [InlineData("rule=30 steps=100 width=63 init=random seed=5 record=center")]
    public void StagedEqualsWholeChainForAnySplit(string parameters)
    {
        var whole = Whole(parameters).ToJsonString();
        foreach (var split in new[]
        {
            "strips=1", "strips=8", "strips=3 halo=1", "strips=5 halo=17", "strips=7 halo=150", "strips=1024 halo=64", "strips=2 halo=100000",
        })
        {
            Assert.Equal(whole, Staged($"{parameters} {split}").ToJsonString());
            Assert.Equal(whole, Staged($"{parameters} {split}", parallelism: 4).ToJsonString());
        }
    }

    [Theory]
    [InlineData("steps=777 width=1000 init=random seed=5")]
    [InlineData("steps=1000 width=130 init=random seed=6")]
    [InlineData("steps=4095 width=64 init=random seed=7")]
    [InlineData("steps=1000 boundary=zero")]
    [InlineData("steps=333 width=100 init=random boundary=zero seed=8")]
    [InlineData("steps=1 width=5")]
    public void Rule90ShortcutEqualsDirectSimulation(string parameters)
    {
        var direct = Whole("rule=90 " + parameters).ToJsonString();
        Assert.Equal(direct, Staged("rule=90 strips=3 halo=50 " + parameters).ToJsonString());
        foreach (var strips in new[] { 1, 3, 8 })
        {
            var shortcut = string.Create(CultureInfo.InvariantCulture, $"rule=90 shortcut=true strips={strips} {parameters}");
            Assert.Equal(direct, Staged(shortcut).ToJsonString());
            Assert.Equal(direct, Staged(shortcut, parallelism: 4).ToJsonString());
            Assert.Equal(direct, Whole(shortcut).ToJsonString());
        }
    }

    [Theory]
    [InlineData(30)]
    [InlineData(110)]
    [InlineData(90)]
    [InlineData(45)]
    [InlineData(129)]
    [InlineData(1)]
    [InlineData(255)]
    public void RingEqualsZeroBoundaryWhileTheLiveRegionNeverWraps(int rule)
    {
        // A ring of 2·steps + 1 cells with the ON cell in the middle: the cone reaches the ends only at the last step.
        const int Steps = 300;
        var ring = Staged(string.Create(CultureInfo.InvariantCulture, $"rule={rule} steps={Steps} width={(2 * Steps) + 1} record=center strips=5"));
        var zero = string.Create(CultureInfo.InvariantCulture, $"rule={rule} steps={Steps} boundary=zero record=center");
        Assert.Equal(Staged(zero + " strips=3").ToJsonString(), ring.ToJsonString());
        Assert.Equal(Whole(zero).ToJsonString(), ring.ToJsonString());
    }

    [Fact]
    public void RingWorkIsWidthTimesStepsAndSpanIsTheWidestStrip()
    {
        var plan = (EcaPlan)Plan("steps=1000 width=4096 strips=8");
        Assert.Equal(4096L * 1000, plan.Work);
        Assert.Equal(512L * 1000, plan.Span);
        Assert.Equal(64, plan.Halo); // an eighth of a 512-cell strip
        Assert.Equal(16, plan.Stages.Count);
        Assert.All(plan.Stages, s => Assert.Equal(8, s.TaskCount));
    }

    [Theory]
    [InlineData("steps=1000 boundary=zero strips=8", 1000L * 1002)]
    [InlineData("steps=500 boundary=zero init=random width=300 strips=5", (500L * 300) + (500L * 501))]
    [InlineData("steps=77 boundary=zero strips=1024 halo=5", 77L * 79)]
    public void ZeroBoundaryWorkIsTheLiveCone(string parameters, long work)
    {
        // Step t updates the cone's w0 + 2t cells: Σ_{t=1..steps} (w0 + 2t) = steps·w0 + steps·(steps + 1).
        var plan = Plan(parameters);
        Assert.Equal(work, plan.Work);
        for (var stage = 0; stage < plan.Stages.Count; stage++)
        {
            var tasks = Enumerable.Range(0, plan.Stages[stage].TaskCount).Select(t => plan.TaskUnits(stage, t)).ToList();
            Assert.Equal(plan.Stages[stage].WorkUnits, tasks.Sum());
            Assert.Equal(plan.Stages[stage].SpanUnits, tasks.Max());
        }
    }

    [Fact]
    public void ShortcutSpanIsOneStripPerSetBitOfSteps()
    {
        var plan = Plan("rule=90 shortcut=true steps=1000000 width=4096 strips=8");
        Assert.Equal(7, plan.Stages.Count); // 1,000,000 has seven one bits
        Assert.Equal(7L * 4096, plan.Work);
        Assert.Equal(7L * 512, plan.Span);
        Assert.Equal(10_000L * 4096, Plan("rule=90 steps=10000 width=4096").Work);
    }

    [Fact]
    public void WholeChainAdvancedInUnevenBatchesEqualsTheStagedRun()
    {
        const string Parameters = "rule=110 steps=1000 width=300 init=random seed=3 record=center";
        var plan = Plan(Parameters);
        var chain = plan.CreateWholeChain()!;
        foreach (var batch in new long[] { 1, 2, 3, 500, 10_000 })
        {
            chain.Advance(batch);
        }

        Assert.Equal(1000, chain.StepsDone);
        Assert.Equal(Staged(Parameters).ToJsonString(), plan.FinishWholeChain(chain.Output()).ToJsonString());
    }

    [Fact]
    public void TheExampleRunsTheSameInEveryMode()
    {
        var workload = new EcaWorkload();
        var plan = workload.Plan(workload.Example);
        var whole = Whole(string.Join(' ', workload.Example.Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal(whole.ToJsonString(), LocalPlanRunner.Run(plan, 2).Result.ToJsonString());
        Assert.Equal(StageKind.Parallel, plan.Stages[0].Kind);
    }
}
