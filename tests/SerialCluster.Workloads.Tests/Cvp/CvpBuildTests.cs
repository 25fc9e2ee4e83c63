using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Cvp;

/// <summary>
/// A cvp plan's setup — the circuit, its staging, the gather tables its tasks read — is timed as the plan's build,
/// once, apart from any task; plans of the same circuit share it; and a wide level's tasks are batched by the cut rule.
/// </summary>
public sealed class CvpBuildTests
{
    [Fact]
    public void CompilingTimesTheBuildAndPreparingAddsTheTablesOnce()
    {
        var plan = CvpRunner.Plan(new() { ["layers"] = "8", ["width"] = "4096", ["seed"] = "101" });
        var compiled = plan.BuildSeconds;
        Assert.True(compiled > 0, "compiling a generated circuit counts as build");

        plan.Prepare();
        var prepared = plan.BuildSeconds;
        Assert.True(prepared > compiled, $"the gather tables count as build ({compiled} s before Prepare, {prepared} s after)");

        plan.Prepare();
        Assert.Equal(prepared, plan.BuildSeconds);
    }

    [Fact]
    public void TablesBuiltByTheFirstTaskInputAreStillTimedAsBuild()
    {
        var plan = CvpRunner.Plan(new() { ["layers"] = "8", ["width"] = "4096", ["seed"] = "102" });
        var compiled = plan.BuildSeconds;

        // The first task's input needs only the first stage's tables: built (and timed) then, the rest later.
        plan.CreateTaskInput(0, 0, []);
        var first = plan.BuildSeconds;
        Assert.True(first > compiled, "a lazily built table is timed whoever triggers it");

        plan.Prepare();
        var built = plan.BuildSeconds;
        Assert.True(built > first, "Prepare builds the later stages' tables");

        // Once built, running the whole staged job (every task) adds nothing to the build.
        LocalPlanRunner.Run(plan, parallelism: 2);
        Assert.Equal(built, plan.BuildSeconds);
    }

    [Fact]
    public void TakingTheBuildReturnsItOnceSoSilosNeverCountItTwice()
    {
        var plan = CvpRunner.Plan(new() { ["layers"] = "8", ["width"] = "4096", ["seed"] = "103" });
        var compiled = plan.TakeBuildSeconds();
        Assert.Equal(plan.BuildSeconds, compiled);
        Assert.Equal(0, plan.TakeBuildSeconds());

        plan.Prepare();
        Assert.Equal(plan.BuildSeconds - compiled, plan.TakeBuildSeconds(), 12);
        Assert.Equal(0, plan.TakeBuildSeconds());
    }

    [Fact]
    public void PlansOfTheSameCircuitShareItWhateverTheirCut()
    {
        // The cost model compiles variants with other tasks and grain; none may build the circuit again.
        var plain = CvpRunner.Plan(new() { ["layers"] = "16", ["width"] = "2048", ["seed"] = "104" });
        var coarser = CvpRunner.Plan(new() { ["layers"] = "16", ["width"] = "2048", ["seed"] = "104", ["tasks"] = "2", ["grain"] = "1024" });
        var other = CvpRunner.Plan(new() { ["layers"] = "16", ["width"] = "2048", ["seed"] = "105" });

        Assert.Same(plain.Circuit, coarser.Circuit);
        Assert.NotSame(plain.Circuit, other.Circuit);
        Assert.Equal(
            LocalPlanRunner.Run(plain, preferWholeChain: true).Result.ToJsonString(),
            LocalPlanRunner.Run(coarser, parallelism: 2).Result.ToJsonString());
    }

    [Theory]
    [InlineData(65536, 8, 256, 8)] // wide: as many tasks as asked for, each far above the grain
    [InlineData(65536, 1024, 256, 256)] // the grain bounds the tasks: ⌊65536 / 256⌋
    [InlineData(4096, 8, 1024, 4)]
    public void AWideLevelIsCutIntoMinOfTasksAndWidthOverGrainContiguousTasks(int width, int tasks, int grain, int expected)
    {
        var plan = CvpRunner.Plan(new()
        {
            ["layers"] = "4",
            ["width"] = width.ToString(),
            ["tasks"] = tasks.ToString(),
            ["grain"] = grain.ToString(),
        });

        Assert.Equal(4, plan.Stages.Count);
        foreach (var (stage, index) in plan.Stages.Select((s, i) => (s, i)))
        {
            Assert.Equal(StageKind.Parallel, stage.Kind);
            Assert.Equal(expected, stage.TaskCount);
            Assert.Equal(width, stage.WorkUnits);
            Assert.All(Enumerable.Range(0, stage.TaskCount), t => Assert.InRange(plan.TaskUnits(index, t), grain, width));
        }
    }

    [Fact]
    public void ARunOfNarrowLevelsIsOneSerialTask()
    {
        // Levels of fewer than 2 × grain gates get one task each; a run of them is one stage, not a barrier per level.
        var plan = CvpRunner.Plan(new() { ["layers"] = "64", ["width"] = "300", ["grain"] = "256" });

        var stage = Assert.Single(plan.Stages);
        Assert.Equal(1, stage.TaskCount);
        Assert.Equal(64 * 300, stage.WorkUnits);
    }
}
