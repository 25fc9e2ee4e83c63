using System.Text.Json.Nodes;
using SerialCluster.Workloads.Amdahl;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Amdahl;

public sealed class AmdahlWorkloadTests
{
    private static WorkloadPlan Plan(params (string Name, string Value)[] parameters) =>
        new AmdahlWorkload().Plan(parameters.ToDictionary(p => p.Name, p => p.Value));

    private static JsonObject Run(WorkloadPlan plan, int parallelism = 1, bool wholeChain = false) =>
        LocalPlanRunner.Run(plan, parallelism, preferWholeChain: wholeChain).Result;

    private static string Digest(WorkloadPlan plan, int parallelism = 1, bool wholeChain = false) =>
        Run(plan, parallelism, wholeChain)["digest"]!.GetValue<string>();

    [Theory]
    // Python hashlib, straight from the definition:
    //   x = bytes.fromhex(seed); repeat serialSteps: x = sha256(x)
    //   chunk i: c = sha256(x + i.to_bytes(8, 'little')); repeat chunkSteps − 1: c = sha256(c)
    //   digest = sha256(c_0 + c_1 + … + c_(tasks−1))
    [InlineData("616263", "10", "3", "5", "1a647431d2b44e9d96bc13a4b5f351c76d9fbe40e9182534f91034d150aa053d")]
    [InlineData("616263", "0", "2", "1", "c3a99bca4074560d619670ca962f3ca688dbe8f3ef24e6cc8cc0da16e9ede305")]
    [InlineData("", "1", "1", "1", "fb78661d2b177b8e5264eacfd62f397f51ee55470183bc1db12bc0b0707d70a8")]
    [InlineData("616263", "100", "16", "57", "1e7b4b3a4cb35c60d14585d8b20acff21ce3aaeb76aa1ac32b80ce27c58eb395")]
    public void DigestMatchesAnIndependentImplementation(string seed, string serialSteps, string tasks, string chunkSteps, string expected)
    {
        var plan = Plan(("seed", seed), ("serialSteps", serialSteps), ("tasks", tasks), ("chunkSteps", chunkSteps));
        Assert.Equal(expected, Digest(plan));
        Assert.Equal(expected, Digest(plan, parallelism: 4));
        Assert.Equal(expected, Digest(plan, wholeChain: true));
    }

    [Fact]
    public void FractionStyleDerivesTheSplit()
    {
        var plan = (AmdahlPlan)Plan(("seed", "00ff"), ("serialFraction", "0.25"), ("work", "1000"), ("tasks", "7"));
        // serialSteps = round(0.25·1000) = 250; chunkSteps = ⌈750 / 7⌉ = 108.
        Assert.Equal(new AmdahlSplit(250, 108, 7), plan.Split);
        Assert.Equal(250 + (7 * 108), plan.Work);
        Assert.Equal(250 + 108, plan.Span);

        // Python as above with seed 00ff, serialSteps 250, tasks 7, chunkSteps 108.
        var result = Run(plan);
        Assert.Equal("19520883e2fd3315809f4d65d3decd5c3390591cb9c135262a7d787ad68f8abf", result["digest"]!.GetValue<string>());
        Assert.Equal(250, result["serialSteps"]!.GetValue<long>());
        Assert.Equal(108, result["chunkSteps"]!.GetValue<long>());
        Assert.Equal(7, result["tasks"]!.GetValue<int>());
        Assert.Equal(250.0 / 1006, result["serialFraction"]!.GetValue<double>());
    }

    [Theory]
    [InlineData(0.1, 1_000_000, 16, 100_000, 56_250)]
    [InlineData(0.0, 1000, 10, 0, 100)]
    [InlineData(1.0, 1000, 10, 1000, 1)]   // every chunk keeps its minimum of one step
    [InlineData(0.5, 3, 1, 2, 1)]          // round(1.5) = 2: halves away from zero
    [InlineData(0.3333, 10, 3, 3, 3)]      // round(3.333) = 3; ⌈7 / 3⌉ = 3
    [InlineData(0.2, 10, 100, 2, 1)]       // more tasks than parallel steps
    public void SplitFollowsTheDocumentedRounding(double fraction, long work, int tasks, long serialSteps, long chunkSteps) =>
        Assert.Equal(new AmdahlSplit(serialSteps, chunkSteps, tasks), AmdahlSplit.FromFraction(fraction, work, tasks));

    [Fact]
    public void NoSerialStepsMeansNoChainStage()
    {
        var plan = Plan(("serialFraction", "0"), ("work", "800"), ("tasks", "8"));
        Assert.Single(plan.Stages);
        Assert.Equal(StageKind.Parallel, plan.Stages[0].Kind);
        Assert.Equal(Digest(plan), Digest(plan, wholeChain: true));
    }

    [Fact]
    public void StagesCarryWorkAndSpan()
    {
        var plan = Plan(("serialSteps", "300"), ("chunkSteps", "40"), ("tasks", "5"));
        Assert.Equal([StageKind.Chain, StageKind.Parallel], plan.Stages.Select(s => s.Kind));
        Assert.Equal(300 + (5 * 40), plan.Work);
        Assert.Equal(300 + 40, plan.Span);
        Assert.Equal(300, plan.TaskUnits(0, 0));
        Assert.Equal(40, plan.TaskUnits(1, 4));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(33)]
    public void DigestDoesNotDependOnParallelismOrMode(int parallelism)
    {
        var plan = Plan(("serialSteps", "2000"), ("chunkSteps", "301"), ("tasks", "33"));
        var staged = Run(plan);
        Assert.Equal(staged, Run(plan, parallelism), JsonNode.DeepEquals);
        Assert.Equal(staged, Run(plan, wholeChain: true), JsonNode.DeepEquals);
    }

    [Fact]
    public void WholeChainAdvancedInUnevenBatchesEqualsStaged()
    {
        var plan = Plan(("serialSteps", "37"), ("chunkSteps", "11"), ("tasks", "6"));
        var chain = plan.CreateWholeChain()!;
        Assert.Equal(plan.Work, chain.TotalSteps);
        foreach (var batch in new long[] { 1, 5, 31, 1, 1, 10, 11, 12, 2, 3, 1_000 })
        {
            chain.Advance(batch);
        }

        Assert.Equal(chain.TotalSteps, chain.StepsDone);
        Assert.Equal(Run(plan), plan.FinishWholeChain(chain.Output()), JsonNode.DeepEquals);
    }

    [Fact]
    public void DefaultsOfBothStylesDescribeTheSameJob()
    {
        var byDefault = (AmdahlPlan)Plan();
        Assert.Equal(new AmdahlSplit(100_000, 56_250, 16), byDefault.Split);
        var restated = (AmdahlPlan)Plan(("serialSteps", "100000"), ("serialFraction", "0.1"), ("work", "1e6"));
        Assert.Equal(byDefault.Split, restated.Split);
    }

    [Fact]
    public void ChangingTasksKeepsTheFraction()
    {
        var plan = (AmdahlPlan)Plan(("tasks", "8"));
        Assert.Equal(new AmdahlSplit(100_000, 112_500, 8), plan.Split);
    }

    [Theory]
    [InlineData("serialSteps", "500", "serialFraction", "0.5")]
    [InlineData("chunkSteps", "500", "work", "5000")]
    public void BothStylesAtOnceAreRefused(string stepsName, string stepsValue, string fractionName, string fractionValue)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Plan((stepsName, stepsValue), (fractionName, fractionValue)));
        Assert.Equal(stepsName, error.Parameter);
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serialFraction", "1.5")]
    [InlineData("serialFraction", "-0.1")]
    [InlineData("tasks", "0")]
    [InlineData("tasks", "100001")]
    [InlineData("chunkSteps", "0")]
    [InlineData("work", "0")]
    [InlineData("seed", "abc")]
    public void BadParametersAreRefusedByName(string name, string value)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Plan((name, value)));
        Assert.Equal(name, error.Parameter);
    }

    [Fact]
    public void TotalWorkIsCapped()
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            Plan(("serialSteps", "1"), ("chunkSteps", "100000000000"), ("tasks", "100")));
        Assert.Equal("chunkSteps", error.Parameter);
    }

    [Fact]
    public void ExampleRuns() =>
        Assert.Equal(64, Digest(new AmdahlWorkload().Plan(new AmdahlWorkload().Example)).Length);
}
