using System.Text.Json.Nodes;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Execution;

public sealed class LocalPlanRunnerTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 4)]
    [InlineData(3, 1)]
    [InlineData(2, 10)]
    public void APlanThatStopsEarlyRunsUpToItsStopAndCountsOnlyThoseStages(int parallelism, int stopAfter)
    {
        var plan = new CountingPlan(Parameters(), stages: 10, stopAfter);
        long reported = 0;
        var run = LocalPlanRunner.Run(plan, parallelism, unitsDone: units => Interlocked.Exchange(ref reported, units));
        Assert.Equal(stopAfter, run.StagesRun);
        Assert.Equal(stopAfter, run.StageWallSeconds.Count);
        Assert.Equal(stopAfter * 3, run.Timings.Count);
        Assert.Equal(stopAfter, run.Result["last"]!.GetValue<int>());
        Assert.Equal((30L * stopAfter, 10L * stopAfter), (run.WorkUnits, run.SpanUnits));
        Assert.Equal(plan.UnitsDone(stopAfter), (run.WorkUnits, run.SpanUnits));
        Assert.Equal(run.WorkUnits, Interlocked.Read(ref reported)); // progress ends at the units done: 100%
    }

    [Fact]
    public void UnitsDoneIsTheCapForEveryStageAndNothingForNone()
    {
        var plan = new CountingPlan(Parameters(), stages: 10, stopAfter: 0);
        Assert.Equal((plan.Work, plan.Span), plan.UnitsDone(10));
        Assert.Equal((plan.Work, plan.Span), plan.UnitsDone(11));
        Assert.Equal((0L, 0L), plan.UnitsDone(0));
        Assert.Equal(10, LocalPlanRunner.Run(plan, 2).StagesRun);
    }

    private static ParameterValues Parameters() => WorkloadCatalog.Get("montecarlo").Validate(new Dictionary<string, string>());

    /// <summary>Ten stages of three tasks; stage s outputs s + 1, and the plan is complete once that reaches its stop (0: never).</summary>
    private sealed class CountingPlan(ParameterValues parameters, int stages, int stopAfter)
        : WorkloadPlan(parameters, "units", [.. Enumerable.Repeat(StageSpec.Parallel("step", 3, 30, 10), stages)])
    {
        public override long TaskUnits(int stage, int task) => 10;

        public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs) => [(byte)stage];

        public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken) => [(byte)(input[0] + 1)];

        public override bool IsComplete(int stage, IReadOnlyList<byte[]> stageOutputs) => stageOutputs.All(o => o[0] == stopAfter);

        public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs) => new() { ["last"] = (int)lastStageOutputs[0][0] };
    }
}
