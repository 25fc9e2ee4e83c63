using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;

namespace SerialCluster.Grains.Tests.Guards;

/// <summary>
/// A submission under an idempotency key starts at most one job: a repeat with the same canonical spec returns that
/// job and starts nothing, a repeat with different parameters is refused naming what differs, and a refused job frees
/// its key.
/// </summary>
[Collection(GuardCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class IdempotencyTests(GuardFixture fixture)
{
    private static JobSpec HashChain(string steps, JobMode mode = JobMode.Scatter, int parallelism = 1) =>
        new("hashchain", new() { ["steps"] = steps }, mode, parallelism);

    private IIdempotencyGrain Key(string key) => fixture.Client.GetGrain<IIdempotencyGrain>(key);

    [Fact]
    public async Task TheSameKeyAndSpecReturnTheExistingJob()
    {
        var key = "k-" + Guid.NewGuid().ToString("N");
        var first = await Key(key).SubmitAsync(HashChain("2000"));
        Assert.False(first.Existing);
        Assert.Equal(JobState.Running, first.Status.State);

        // The same job in other words: canonical parameters match (2e3 is 2000).
        var again = await Key(key).SubmitAsync(new JobSpec("HASHCHAIN", new() { ["steps"] = "2e3" }, JobMode.Scatter, 1));
        Assert.True(again.Existing);
        Assert.False(again.Conflict);
        Assert.Equal(first.Status.JobId, again.Status.JobId);

        var finished = await WaitAsync(first.Status.JobId);
        var afterwards = await Key(key).SubmitAsync(HashChain("2000"));
        Assert.True(afterwards.Existing);
        Assert.Equal(JobState.Completed, afterwards.Status.State);
        Assert.Equal(finished.ResultJson, afterwards.Status.ResultJson);
    }

    [Fact]
    public async Task DefaultsCountAsGiven()
    {
        var key = "k-" + Guid.NewGuid().ToString("N");
        var spec = new JobSpec("montecarlo", new() { ["samples"] = "1000", ["tasks"] = "4" }, JobMode.Scatter, 2);
        var first = await Key(key).SubmitAsync(spec);
        var explicitDefaults = await Key(key).SubmitAsync(spec with { Parameters = new() { ["samples"] = "1000", ["tasks"] = "4", ["seed"] = "42" } });
        Assert.True(explicitDefaults.Existing);
        Assert.Equal(first.Status.JobId, explicitDefaults.Status.JobId);
    }

    [Fact]
    public async Task TheSameKeyWithDifferentParametersIsRefusedNamingTheDifference()
    {
        var key = "k-" + Guid.NewGuid().ToString("N");
        var first = await Key(key).SubmitAsync(HashChain("1000"));
        var other = await Key(key).SubmitAsync(HashChain("3000", JobMode.Pinned, 2));
        Assert.True(other.Conflict);
        Assert.Equal(JobState.Rejected, other.Status.State);
        Assert.Contains($"idempotency key '{key}' already belongs to job {first.Status.JobId} (hashchain", other.Status.Error, StringComparison.Ordinal);
        Assert.Contains("mode: scatter then pinned; parallelism: 1 then 2; steps: 1000 then 3000", other.Status.Error, StringComparison.Ordinal);
        // The first job is untouched.
        Assert.Equal("1000", (await WaitAsync(first.Status.JobId)).Spec!.Parameters["steps"]);
    }

    [Fact]
    public async Task LongValuesAreComparedByFingerprint()
    {
        var key = "k-" + Guid.NewGuid().ToString("N");
        var puzzle = "003020600900305001001806400008102900700000008006708200002609500800203009005010300";
        var first = await Key(key).SubmitAsync(new JobSpec("sudoku", new() { ["puzzles"] = puzzle }, JobMode.Scatter, 1));
        var same = await Key(key).SubmitAsync(new JobSpec("sudoku", new() { ["puzzles"] = puzzle }, JobMode.Scatter, 1));
        Assert.True(same.Existing);
        var changed = await Key(key).SubmitAsync(
            new JobSpec("sudoku", new() { ["puzzles"] = puzzle.Replace("003", "000", StringComparison.Ordinal) }, JobMode.Scatter, 1));
        Assert.True(changed.Conflict);
        Assert.Matches("puzzles: sha256:[0-9a-f]{64} \\(81 characters\\) then sha256:[0-9a-f]{64} \\(81 characters\\)", changed.Status.Error);
        await WaitAsync(first.Status.JobId);
    }

    [Fact]
    public async Task ARefusedJobFreesItsKey()
    {
        var key = "k-" + Guid.NewGuid().ToString("N");
        var overLimit = await Key(key).SubmitAsync(HashChain("5000001"));
        Assert.Equal(JobState.Rejected, overLimit.Status.State);
        Assert.False(overLimit.Conflict);
        Assert.Contains("SerialCluster:Limits:MaxWorkUnits", overLimit.Status.Error, StringComparison.Ordinal);

        var invalid = await Key(key).SubmitAsync(HashChain("lots"));
        Assert.Equal(JobState.Rejected, invalid.Status.State);
        Assert.Contains("parameter 'steps' = 'lots' is not valid", invalid.Status.Error, StringComparison.Ordinal);

        var corrected = await Key(key).SubmitAsync(HashChain("1000"));
        Assert.False(corrected.Existing);
        Assert.Equal(JobState.Running, corrected.Status.State);
        await WaitAsync(corrected.Status.JobId);
    }

    [Fact]
    public async Task ConcurrentSubmissionsUnderOneKeyStartOneJob()
    {
        var key = "k-" + Guid.NewGuid().ToString("N");
        var submissions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Key(key).SubmitAsync(HashChain("1000"))));
        Assert.Single(submissions.Select(s => s.Status.JobId).Distinct());
        Assert.Single(submissions, s => !s.Existing);
        await WaitAsync(submissions[0].Status.JobId);
    }

    [Theory]
    [InlineData("a/b c")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public async Task AKeyOutsideTheAllowedCharactersIsRefused(string key)
    {
        var refused = await Key(key).SubmitAsync(HashChain("10"));
        Assert.True(refused.Conflict);
        Assert.Contains("is not allowed; use 1 to 128 characters of letters, digits and . _ - : @ / +", refused.Status.Error, StringComparison.Ordinal);
    }

    private async Task<JobStatus> WaitAsync(string jobId)
    {
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        var status = await Poll(job);
        Assert.True(status.State == JobState.Completed, $"job {jobId} ended {status.State}: {status.Error}");
        return status;
    }

    private static async Task<JobStatus> Poll(IJobGrain job)
    {
        var deadline = DateTime.UtcNow + JobDriver.Deadline;
        var status = await job.GetStatusAsync();
        while (!status.IsFinished)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"job {status.JobId} did not finish within {JobDriver.Deadline}; last {status.State} {status.UnitsDone}/{status.UnitsTotal}");
            }

            await Task.Delay(20);
            status = await job.GetStatusAsync();
        }

        return status;
    }
}
