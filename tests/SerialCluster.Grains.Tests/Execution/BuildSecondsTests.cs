using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>
/// A job's plan build (a cvp circuit, its staging and gather tables) is its own profile field: reported by the silos
/// that built it and the coordinator, counted in no task's or chain's seconds.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class BuildSecondsTests(ClusterFixture fixture)
{
    private static Dictionary<string, string> Circuit(string seed) =>
        new() { ["layers"] = "8", ["width"] = "16384", ["tasks"] = "4", ["grain"] = "256", ["seed"] = seed };

    [Fact]
    public async Task AScatteredCvpJobReportsTheBuildOfItsGatherTables()
    {
        // Scattered tasks read gather tables that only a scattered run builds, during the job: some silo builds them.
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "cvp", Circuit("201"), JobMode.Scatter, 3);
        var profile = status.Profile!;

        Assert.True(profile.BuildSeconds > 0, "the gather tables were built during the job");
        var reported = profile.StageProfiles.Sum(s => s.BuildSeconds);
        Assert.InRange(reported, 0, profile.BuildSeconds + 1e-12);
        Assert.Equal(8 * 4, profile.Tasks);
    }

    [Fact]
    public async Task APinnedCvpJobsBuildAndKernelFitInItsWallOneAfterTheOther()
    {
        // The serial silo builds its plan (if it has not got it) and only then times the chain: build and kernel are
        // consecutive parts of the wall, so their sum fits in it whatever the machine's speed.
        var status = await JobDriver.RunCompletedAsync(fixture.Client, "cvp", Circuit("202"), JobMode.Pinned, 1);
        var profile = status.Profile!;

        Assert.True(profile.BuildSeconds >= 0);
        Assert.True(profile.WorkSeconds > 0);
        Assert.True(
            profile.BuildSeconds + profile.WorkSeconds <= profile.WallSeconds,
            $"build {profile.BuildSeconds} s + kernel {profile.WorkSeconds} s exceed the wall {profile.WallSeconds} s");
        var chain = Assert.Single(profile.StageProfiles);
        Assert.Equal(profile.WorkSeconds, chain.WorkSeconds);
    }

    [Fact]
    public async Task ScatteredAndPinnedCvpAgreeBitForBit()
    {
        var scattered = await JobDriver.RunCompletedAsync(fixture.Client, "cvp", Circuit("203"), JobMode.Scatter, 3);
        var pinned = await JobDriver.RunCompletedAsync(fixture.Client, "cvp", Circuit("203"), JobMode.Pinned, 1);

        Assert.Equal(pinned.ResultJson, scattered.ResultJson);
    }
}
