using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Limits;

namespace SerialCluster.Grains.Tests.Guards;

/// <summary>
/// The coordinator's one admission check, without a cluster: a limit refusal names the limit, a bad parameter is
/// refused in the kernels' or the spec bounds' own words, and an admitted spec carries its compiled plan.
/// </summary>
public sealed class JobAdmissionTests
{
    private static readonly JobAdmission Admission = new(GuardFixture.Limits);

    [Fact]
    public void ASpecWithinEveryLimitIsAdmittedWithItsPlan()
    {
        var admitted = Admission.Admit(new JobSpec("hashchain", new() { ["steps"] = "10" }, JobMode.Scatter, 1));
        Assert.Null(admitted.Refusal);
        Assert.False(admitted.IsOverLimit);
        Assert.NotNull(admitted.Plan);
        Assert.Equal(10, admitted.Plan.Work);
    }

    [Fact]
    public void ASpecOverALimitIsRefusedNamingTheLimit()
    {
        var admitted = Admission.Admit(new JobSpec("hashchain", new() { ["steps"] = "5000001" }, JobMode.Scatter, 1));
        Assert.True(admitted.IsOverLimit);
        Assert.Null(admitted.Plan);
        Assert.Equal(
            "over a limit of this cluster: work of 5,000,001 SHA-256 steps (from steps=5000001) exceeds the limit of 5,000,000 " +
            "(SerialCluster:Limits:MaxWorkUnits)",
            admitted.Refusal);
    }

    [Fact]
    public void ALimitIsNamedBeforeABadDeadline()
    {
        var admitted = Admission.Admit(new JobSpec("hashchain", new() { ["steps"] = "10" }, JobMode.Scatter, 9, -1));
        Assert.True(admitted.IsOverLimit);
        Assert.StartsWith("over a limit of this cluster: parallelism 9 exceeds the limit of 8", admitted.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadParameterIsRefusedInTheKernelsOwnWords()
    {
        var admitted = Admission.Admit(new JobSpec("hashchain", new() { ["steps"] = "many" }, JobMode.Scatter, 1));
        Assert.False(admitted.IsOverLimit);
        Assert.Null(admitted.Plan);
        Assert.Contains("parameter 'steps' = 'many' is not valid", admitted.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 0, "parallelism -1 is out of range; allowed: 1 to 4096, or 0 for every core")]
    [InlineData(1, 1e9, "deadline 1000000000 s is out of range; allowed: 0 (none) or up to 604800 s")]
    public void ASpecOutsideTheSpecBoundsIsABadParameter(int parallelism, double deadline, string expected)
    {
        var admitted = new JobAdmission(new JobLimits()).Admit(new JobSpec("hashchain", new() { ["steps"] = "10" }, JobMode.Scatter, parallelism, deadline));
        Assert.False(admitted.IsOverLimit);
        Assert.Null(admitted.Plan);
        Assert.Equal(expected, admitted.Refusal);
    }
}
