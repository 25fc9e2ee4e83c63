using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Diagnostics;

/// <summary>
/// A cluster's warm-up jobs count in no job metric: a dashboard's job counts and last-job gauges are its users' jobs.
/// The workload label here is one no other test uses, since the counters are process-wide.
/// </summary>
public sealed class WarmUpMetricsTests
{
    private const string Workload = "warm-up-metrics-test";

    [Fact]
    public void AWarmUpJobCountsNeitherAsSubmittedNorAsCompletedNorAsTheLastJob()
    {
        var plan = WorkloadCatalog.Get("hashchain").Plan(new Dictionary<string, string> { ["steps"] = "1000" });
        var spec = new JobSpec(Workload, [], JobMode.Pinned, 1, WarmUp: true);
        SerialClusterMetrics.JobSubmitted(spec);
        SerialClusterMetrics.JobCompleted(spec, plan, Profile(), stagesRun: 1);
        SerialClusterMetrics.JobSubmitted(spec);
        SerialClusterMetrics.JobFailed(spec);

        Assert.Equal(0, SerialClusterMetrics.JobsSubmitted.WithLabels(Workload, "pinned").Value);
        Assert.Equal(0, SerialClusterMetrics.JobsCompleted.WithLabels(Workload, "pinned", MetricNames.OutcomeCompleted).Value);
        Assert.Equal(0, SerialClusterMetrics.JobsCompleted.WithLabels(Workload, "pinned", MetricNames.OutcomeFailed).Value);
        Assert.Equal(0, SerialClusterMetrics.LastJobTimestamp.WithLabels(Workload).Value);
    }

    [Fact]
    public void AUsersJobCounts()
    {
        var spec = new JobSpec(Workload + "-user", [], JobMode.Pinned, 1);
        SerialClusterMetrics.JobSubmitted(spec);
        SerialClusterMetrics.JobFailed(spec);
        Assert.Equal(1, SerialClusterMetrics.JobsSubmitted.WithLabels(Workload + "-user", "pinned").Value);
    }

    private static JobProfile Profile() =>
        new(0.01, 0.01, 0.01, 1, 0, 1, 1, [], null, 1000, 1000, "steps", [], 1);
}
