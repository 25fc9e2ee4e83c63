using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Limits;

namespace SerialCluster.Grains.Tests.Guards;

/// <summary>
/// The silo-wide bound on the running jobs one silo coordinates: a job alone always runs, the next that would exceed
/// the plan bytes or the job count is refused naming the limit, its key and value, and a job's share is released when
/// its run ends (only its newest run's end, for a job resumed on the same silo).
/// </summary>
public sealed class SiloWorkGateTests
{
    [Fact]
    public void AJobAloneRunsEvenOverTheBytesAndTheNextIsRefusedNamingTheLimitUntilTheFirstEnds()
    {
        var gate = new SiloWorkGate(new JobLimits { MaxSiloPlanBytes = 1_000 });
        var first = new TaskCompletionSource();
        Assert.Null(gate.Refusal(5_000));
        gate.Hold("a", 5_000, first.Task);

        var refusal = gate.Refusal(10);
        Assert.Equal(
            "over a limit of this silo: its 1 running jobs hold plans that took 5,000 bytes to build, and this one's 10 more would exceed the limit of " +
            "1,000 bytes (SerialCluster:Limits:MaxSiloPlanBytes); submit it again when one has finished",
            refusal);

        first.SetResult();
        Assert.Equal((0, 0L), gate.InFlight);
        Assert.Null(gate.Refusal(10));
    }

    [Fact]
    public void TheJobCountIsBoundedToo()
    {
        var gate = new SiloWorkGate(new JobLimits { MaxSiloJobs = 2, MaxSiloPlanBytes = long.MaxValue });
        var runs = new TaskCompletionSource();
        gate.Hold("a", 1, runs.Task);
        gate.Hold("b", 1, runs.Task);
        Assert.Equal(
            "over a limit of this silo: it already coordinates 2 running jobs, the limit of 2 (SerialCluster:Limits:MaxSiloJobs); submit it again when " +
            "one has finished",
            gate.Refusal(1));
        runs.SetResult();
        Assert.Null(gate.Refusal(1));
    }

    [Fact]
    public void AJobHeldAgainCountsOnceAndItsOldRunsEndDoesNotReleaseTheNewOne()
    {
        var gate = new SiloWorkGate(new JobLimits());
        var old = new TaskCompletionSource();
        var resumed = new TaskCompletionSource();
        gate.Hold("a", 100, old.Task);
        gate.Hold("a", 0, resumed.Task);
        Assert.Equal((1, 0L), gate.InFlight);
        old.SetResult();
        Assert.Equal((1, 0L), gate.InFlight);
        resumed.SetResult();
        Assert.Equal((0, 0L), gate.InFlight);
    }

    [Fact]
    public void AdmissionMeasuresTheBytesCompilingThePlanAllocated()
    {
        var admission = new JobAdmission(new JobLimits());
        var small = admission.Admit(new JobSpec("cvp", new() { ["layers"] = "4", ["width"] = "64" }, JobMode.Scatter, 1));
        var large = admission.Admit(new JobSpec("cvp", new() { ["layers"] = "64", ["width"] = "16384", ["seed"] = "3" }, JobMode.Scatter, 1));
        Assert.NotNull(small.Plan);
        Assert.NotNull(large.Plan);
        Assert.True(small.PlanBytes > 0, "no allocation measured for a compiled plan");
        Assert.True(large.PlanBytes > 64L * 16384, $"a million-gate circuit measured {large.PlanBytes} bytes");
        Assert.True(large.PlanBytes > 10 * small.PlanBytes, $"large {large.PlanBytes} bytes, small {small.PlanBytes}");
    }

    [Fact]
    public void NegativeOrZeroSiloLimitsAreNamedAndZeroBytesMeansHalfTheMemory()
    {
        Assert.Equal(
            "SerialCluster:Limits:MaxSiloPlanBytes: -1 is negative; use 0 for half of this process's memory",
            new JobLimits { MaxSiloPlanBytes = -1 }.FirstProblem());
        Assert.Equal("SerialCluster:Limits:MaxSiloJobs: 0 is not a positive limit", new JobLimits { MaxSiloJobs = 0 }.FirstProblem());
        Assert.Equal(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2, new JobLimits().SiloPlanBytes);
    }
}
