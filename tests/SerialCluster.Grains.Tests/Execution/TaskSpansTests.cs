using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Execution;

namespace SerialCluster.Grains.Tests.Execution;

public sealed class TaskSpansTests
{
    private static StageProfile Stage(int index, int tasks) => new(
        index, $"s{index}", "parallel", tasks, 1, 1, 0.1, 1, 1, index,
        [.. Enumerable.Range(0, tasks).Select(i => new TaskSpan($"silo-{i % 3}", index + (i * 1e-4), index + (i * 1e-4) + 1e-4, 1e-4))]);

    [Fact]
    public void PerSiloFoldsKeepCountsKernelSecondsAndTheOuterInterval()
    {
        var folded = TaskSpans.PerSilo(Stage(0, 10).TaskSpans!);

        Assert.Equal(["silo-0", "silo-1", "silo-2"], folded.Select(s => s.Silo).ToArray());
        Assert.Equal(10, folded.Sum(s => s.Tasks));
        Assert.Equal(10 * 1e-4, folded.Sum(s => s.KernelSeconds), 12);
        Assert.Equal(0, folded[0].StartSeconds);
        Assert.Equal((9 * 1e-4) + 1e-4, folded[0].EndSeconds, 12);
    }

    [Fact]
    public void CapFoldsTheLargestStagesUntilTheJobFits()
    {
        var stages = new List<StageProfile> { Stage(0, 3000), Stage(1, 100), Stage(2, 3000) };

        var capped = TaskSpans.Cap(stages);

        Assert.InRange(capped.Sum(s => s.TaskSpans!.Count), 0, TaskSpans.MaxPerJob);
        Assert.Equal(100, capped[1].TaskSpans!.Count);
        Assert.Equal(stages.Select(s => s.Tasks), capped.Select(s => s.TaskSpans!.Sum(t => t.Tasks)));
    }
}
