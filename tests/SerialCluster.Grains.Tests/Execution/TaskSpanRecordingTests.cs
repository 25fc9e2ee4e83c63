using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>Scatter-mode profiles record when each stage started and which silo ran each task when, on the job's clock.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class TaskSpanRecordingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task EveryTaskOfAScatteredJobHasASpanOnTheSiloThatRanItInsideItsStage()
    {
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client, "amdahl", new Dictionary<string, string>
            {
                ["serialFraction"] = "0.25",
                ["work"] = "200000",
                ["tasks"] = "12",
            }, JobMode.Scatter, 3);
        var profile = status.Profile!;

        var spans = profile.StageProfiles.SelectMany(s => s.TaskSpans ?? []).ToList();
        Assert.Equal(profile.Tasks, spans.Sum(s => s.Tasks));
        Assert.Equal(
            profile.Silos.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            spans.GroupBy(s => s.Silo, StringComparer.Ordinal).Select(
                g => KeyValuePair.Create(g.Key, g.Sum(s => s.Tasks))).OrderBy(p => p.Key, StringComparer.Ordinal).ToList());
        var previousEnd = 0.0;
        foreach (var stage in profile.StageProfiles)
        {
            Assert.True(
                stage.StartSeconds >= previousEnd - 1e-9,
                $"stage {stage.Index} starts at {stage.StartSeconds} before the previous one ended at {previousEnd}");
            foreach (var span in stage.TaskSpans!)
            {
                Assert.InRange(span.StartSeconds, stage.StartSeconds - 1e-9, span.EndSeconds);
                Assert.InRange(span.EndSeconds, span.StartSeconds, stage.StartSeconds + stage.WallSeconds + 1e-3);
                // A span folded per silo carries its tasks' summed kernel time over their common envelope: tasks that ran
                // side by side on that silo's cores can sum to more than the envelope, never more than Tasks × it.
                Assert.InRange(span.KernelSeconds, 0, (span.Tasks * (span.EndSeconds - span.StartSeconds)) + 1e-6);
            }

            previousEnd = stage.StartSeconds + stage.WallSeconds;
        }

        Assert.InRange(previousEnd, 0, profile.WallSeconds + 1e-9);
    }

    [Fact]
    public async Task PinnedJobsRecordNoSpans()
    {
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client, "montecarlo", new Dictionary<string, string> { ["samples"] = "100000", ["tasks"] = "4" }, JobMode.Pinned, 0);

        Assert.All(status.Profile!.StageProfiles, s => Assert.Null(s.TaskSpans));
    }
}
