using SerialCluster.Abstractions.Jobs;
using SerialCluster.Cli.Reports;

namespace SerialCluster.Cli.Tests.Reports;

/// <summary>`report JOBID` weighs the load the coordinator recorded with the job, as `report --from` weighs run's.</summary>
public sealed class RecordedLoadTests
{
    [Fact]
    public void AJobRecordedOnABusyMachineGetsAnInconclusiveVerdict()
    {
        var job = Job(Profile() with { ForeignCoresBefore = 1.4, ForeignCoresAfter = 0.2, MachineCores = 2 });

        Assert.NotNull(job.Load);
        Assert.True(job.Load.IsBusy);
        Assert.StartsWith("inconclusive", job.Qualify("parallel, but overhead-bound: 51 % of the ideal"), StringComparison.Ordinal);
    }

    [Fact]
    public void AJobRecordedOnAnIdleMachineKeepsItsVerdict() =>
        Assert.Equal("serial", Job(Profile() with { ForeignCoresBefore = 0.1, ForeignCoresAfter = 0, MachineCores = 2 }).Qualify("serial"));

    [Fact]
    public void AProfileWithoutARecordedLoadHasNone() => Assert.Null(JobSource.RecordedLoad(Profile()));

    private static MeasuredJob Job(JobProfile profile) =>
        new("j-000000000001", "montecarlo", new Dictionary<string, string>(), "scatter", 2, profile, JobSource.RecordedLoad(profile));

    private static JobProfile Profile() =>
        new(1, 1.8, 0.3, 6, 0.7, 8, 1, new Dictionary<string, int> { ["silo-0"] = 8 }, null, 8, 1, "samples", [], 2);
}
