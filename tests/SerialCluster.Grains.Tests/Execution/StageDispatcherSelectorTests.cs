using SerialCluster.Grains.Execution;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Execution;

public sealed class StageDispatcherSelectorTests
{
    private static readonly StageSpec Wide = StageSpec.Parallel("wide", BatchedStageDispatcher.MinimumTasks, 1000, 10);

    [Fact]
    public void WideStagesGoInBatchesWhenBatchingIsOn() =>
        Assert.IsType<BatchedStageDispatcher>(Selector(batchWideStages: true).For(Wide));

    [Fact]
    public void WithBatchingOffEveryStageGoesOneTaskPerCall() =>
        Assert.IsType<PerTaskStageDispatcher>(Selector(batchWideStages: false).For(Wide));

    [Fact]
    public void NarrowOrSpeculativeStagesGoOneTaskPerCall()
    {
        var selector = Selector(batchWideStages: true);
        Assert.IsType<PerTaskStageDispatcher>(selector.For(Wide with { TaskCount = BatchedStageDispatcher.MinimumTasks - 1 }));
        Assert.IsType<PerTaskStageDispatcher>(selector.For(Wide with { Speculative = true }));
    }

    // Choosing calls neither the grains nor membership.
    private static StageDispatcherSelector Selector(bool batchWideStages) => new(null!, new SiloWatch(null!, TimeProvider.System), 5, batchWideStages);
}
