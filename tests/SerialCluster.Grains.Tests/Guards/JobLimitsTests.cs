using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Tests.Guards;

/// <summary>
/// Each configured limit refuses a job at submission, before anything is stored or run, naming what is over, its value,
/// and the limit with its configuration key; a job within every limit runs as before.
/// </summary>
[Collection(GuardCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class JobLimitsTests(GuardFixture fixture)
{
    public static TheoryData<string, Dictionary<string, string>, int, string[]> OverLimits => new()
    {
        {
            "hashchain", new() { ["steps"] = "10", ["seed"] = "00", ["a"] = "1", ["b"] = "2" }, 1,
            ["4 parameters exceed the limit of 3", "SerialCluster:Limits:MaxParameters"]
        },
        {
            "cvp", new() { ["inputs"] = new string('1', 201) }, 1,
            ["parameter 'inputs' = '1111", "has 201 characters; the limit is 200", "SerialCluster:Limits:MaxParameterCharacters"]
        },
        {
            "cvp", new() { ["inputs"] = new string('1', 150), ["circuit"] = new string('x', 150) }, 1,
            ["the parameters have 313 characters together; the limit is 300", "SerialCluster:Limits:MaxSpecCharacters"]
        },
        { "hashchain", new() { ["steps"] = "10" }, 9, ["parallelism 9 exceeds the limit of 8", "SerialCluster:Limits:MaxParallelism"] },
        {
            "hashchain", new() { ["steps"] = "5000001" }, 1,
            ["work of 5,000,001 SHA-256 steps (from steps=5000001) exceeds the limit of 5,000,000", "SerialCluster:Limits:MaxWorkUnits"]
        },
        {
            "montecarlo", new() { ["samples"] = "1000", ["tasks"] = "65" }, 1,
            ["has 65 tasks (from samples=1000, tasks=65); the limit is 64", "SerialCluster:Limits:MaxTasksPerStage"]
        },
        { "nbody", new() { ["steps"] = "41", ["n"] = "4" }, 1, ["stages (from n=4, steps=41) exceed the limit of 40", "SerialCluster:Limits:MaxStages"] },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public async Task AJobOverALimitIsRefusedNamingTheValueAndTheLimit(
        string workload, Dictionary<string, string> parameters, int parallelism, string[] expected)
    {
        var job = fixture.Client.GetGrain<IJobGrain>("limit-" + Guid.NewGuid().ToString("N"));
        var status = await job.SubmitAsync(new JobSpec(workload, parameters, JobMode.Scatter, parallelism));
        Assert.Equal(JobState.Rejected, status.State);
        Assert.StartsWith("over a limit of this cluster: ", status.Error, StringComparison.Ordinal);
        Assert.All(expected, e => Assert.Contains(e, status.Error, StringComparison.Ordinal));
        // Refused before the coordinator stored anything: the job does not exist.
        Assert.Equal(JobState.Unknown, (await job.GetStatusAsync()).State);
    }

    [Fact]
    public async Task AJobWithinEveryLimitRuns()
    {
        var status = await JobDriver.RunCompletedAsync(
            fixture.Client, "montecarlo", new Dictionary<string, string> { ["samples"] = "100000", ["tasks"] = "64" }, JobMode.Scatter, 8);
        Assert.Equal(64, status.Profile!.Tasks);
    }

    [Fact]
    public async Task BadParametersAreStillRefusedInTheKernelsOwnWords()
    {
        var job = fixture.Client.GetGrain<IJobGrain>("limit-" + Guid.NewGuid().ToString("N"));
        var status = await job.SubmitAsync(new JobSpec("hashchain", new() { ["steps"] = "many" }, JobMode.Scatter, 1));
        Assert.Equal(JobState.Rejected, status.State);
        Assert.Contains("parameter 'steps' = 'many' is not valid", status.Error, StringComparison.Ordinal);
    }
}
