using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Execution;

/// <summary>
/// Every chain a workload offers (whole-job chains and chain stages) resumed from a checkpoint taken at any step
/// ends with the same bytes as an uninterrupted run: the property checkpointed chains rest on.
/// </summary>
public sealed class ChainCheckpointTests
{
    public static TheoryData<string, string> Jobs => new()
    {
        { "hashchain", "seed=616263 steps=5000" },
        { "timelock", "x=3 t=3000" },
        { "s5", "length=20000 seed=5 method=fold" },
        { "s5", "length=20000 seed=5 method=tree tasks=4" },
        { "amdahl", "serialFraction=0.25 work=4000 tasks=4" },
        { "cvp", "layers=24 width=256 seed=7 tasks=4 grain=64" },
        { "arith", "depth=40 width=32 fanIn=3 degree=low seed=7" },
        { "refine", "length=300 step=nonlinear tasks=3 seed=7" },
        { "refine", "length=300 step=associative rounds=6 tasks=3 seed=7" },
        { "eca", "rule=110 steps=300 width=1024 init=random seed=7 strips=4 record=center" },
        { "eca", "rule=30 steps=200 width=777 init=single strips=2" },
        { "eca", "rule=90 steps=300 width=1024 init=random seed=3 strips=2 shortcut=true" },
        { "mdp", "preset=random states=200 actions=3 successors=3 gamma=0.9 horizon=40 tolerance=1e-9 tasks=2" },
        { "nbody", "preset=random n=24 seed=7 integrator=yoshida4 dt=0.01 steps=12 softening=0.05" },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void ChainResumedFromAnyCheckpointEqualsUninterruptedRun(string workload, string parameters)
    {
        var plan = WorkloadCatalog.Get(workload).Plan(Parse(parameters));
        var chains = Chains(plan).ToList();
        Assert.NotEmpty(chains);
        foreach (var (name, start) in chains)
        {
            var reference = start();
            reference.Advance(reference.TotalSteps);
            var expected = reference.Output();
            var total = reference.TotalSteps;
            foreach (var at in new[] { 0, 1, total / 3, total / 2 + 1, total - 1, total }.Where(s => s >= 0 && s <= total).Distinct())
            {
                var first = start();
                first.Advance(at / 2);
                first.Advance(at - (at / 2));
                var checkpoint = first.Checkpoint();
                var resumed = start();
                resumed.Restore(checkpoint);
                Assert.True(resumed.StepsDone == at, $"{workload} {name}: restored at step {resumed.StepsDone}, saved at {at}");
                resumed.Advance(total - at);
                Assert.True(expected.AsSpan().SequenceEqual(resumed.Output()), $"{workload} {name}: resumed at step {at} of {total}, the output differs");
            }
        }
    }

    [Fact]
    public void CheckpointOfAnotherChainKindIsRefusedClearly()
    {
        var hash = Chains(WorkloadCatalog.Get("hashchain").Plan(Parse("seed=00 steps=10"))).Single().Start();
        var fold = Chains(WorkloadCatalog.Get("s5").Plan(Parse("length=100 method=fold"))).Single().Start();
        var error = Assert.Throws<InvalidDataException>(() => hash.Restore(fold.Checkpoint()));
        Assert.Equal("the checkpoint is of a 's5-fold' chain, not of a 'hashchain' chain", error.Message);
        Assert.Throws<InvalidDataException>(() => hash.Restore(hash.Checkpoint()[..^3]));
    }

    /// <summary>The plan's whole-job chain and each chain stage, with the input the stage would get.</summary>
    private static IEnumerable<(string Name, Func<IChainRun> Start)> Chains(WorkloadPlan plan)
    {
        if (plan.CreateWholeChain() is not null)
        {
            yield return ("whole-chain", () => plan.CreateWholeChain()!);
        }

        var run = LocalPlanRunner.Run(plan, keepStageOutputs: true);
        for (var stage = 0; stage < plan.Stages.Count; stage++)
        {
            if (plan.Stages[stage].Kind == StageKind.Chain)
            {
                var input = plan.CreateTaskInput(stage, 0, stage == 0 ? [] : run.StageOutputs[stage - 1]);
                var index = stage;
                yield return ($"stage {stage}", () => plan.StartChain(index, input));
            }
        }
    }

    private static Dictionary<string, string> Parse(string text) =>
        text.Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
