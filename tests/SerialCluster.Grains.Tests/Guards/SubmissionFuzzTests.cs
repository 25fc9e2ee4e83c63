using CsCheck;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Tests.Guards;

/// <summary>
/// Hostile submissions straight to the coordinator (as a client that skips the CLI's checks would send them): each is
/// answered Rejected with one line, nothing throws, nothing is stored, and the silo goes on serving.
/// </summary>
[Collection(GuardCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class SubmissionFuzzTests(GuardFixture fixture)
{
    private const string Hostile = "0123456789.-+eE_=@ \t\r\n\0xyz\u202e";

    [Fact]
    public async Task HostileSpecsAreRejectedInOneLine()
    {
        var names = Gen.Frequency(
            (4, Gen.OneOf<string>([.. WorkloadCatalog.All.SelectMany(w => w.Parameters.Select(p => p.Name))])),
            (1, Gen.String[Gen.Char[Hostile], 0, 10]));
        var parameters = Gen.Select(names, Gen.String[Gen.Char[Hostile], 0, 30]).Array[0, 4]
            .Select(entries => entries.GroupBy(e => e.Item1).ToDictionary(g => g.Key, g => g.First().Item2));
        var workloads = Gen.Frequency(
            (5, Gen.OneOf<string>([.. WorkloadCatalog.All.Select(w => w.Name)])),
            (1, Gen.String[Gen.Char[Hostile], 0, 80]));
        var specs = Gen.Select(workloads, parameters, Gen.Enum<JobMode>(), Gen.Frequency((8, Gen.Int[0, 8]), (1, Gen.Int[-10, 10_000])),
            (workload, raw, mode, parallelism) => new JobSpec(workload, raw, mode, parallelism))
            .Where(IsRefusedByTheKernelsOrTheLimits);

        var submitted = 0;
        await specs.SampleAsync(
            async spec =>
            {
                var job = fixture.Client.GetGrain<IJobGrain>("fuzz-" + Guid.NewGuid().ToString("N"));
                var status = await job.SubmitAsync(spec);
                Assert.Equal(JobState.Rejected, status.State);
                Assert.False(string.IsNullOrWhiteSpace(status.Error));
                Assert.DoesNotContain('\n', status.Error);
                Assert.Equal(JobState.Unknown, (await job.GetStatusAsync()).State);
                Interlocked.Increment(ref submitted);
            },
            iter: 300,
            threads: 1);

        // Still serving.
        await JobDriver.RunCompletedAsync(fixture.Client, "hashchain", new Dictionary<string, string> { ["steps"] = "10" }, JobMode.Scatter, 1);
        Assert.True(submitted >= 300);
    }

    [Fact]
    public async Task ASpecWithNullsIsRejectedNotThrown()
    {
        var job = fixture.Client.GetGrain<IJobGrain>("fuzz-" + Guid.NewGuid().ToString("N"));
        var status = await job.SubmitAsync(new JobSpec(null!, null!, JobMode.Scatter, 1));
        Assert.Equal(JobState.Rejected, status.State);
        Assert.Contains("names no workload or carries no parameters", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownWorkloadNameIsShownOnOneLine()
    {
        var job = fixture.Client.GetGrain<IJobGrain>("fuzz-" + Guid.NewGuid().ToString("N"));
        var status = await job.SubmitAsync(new JobSpec("hash\nchain", [], JobMode.Scatter, 1));
        Assert.Equal(JobState.Rejected, status.State);
        Assert.Contains("unknown workload 'hash\\nchain'", status.Error, StringComparison.Ordinal);
    }

    /// <summary>Only specs that must be refused: an accepted one would start real work in the shared test cluster.</summary>
    private static bool IsRefusedByTheKernelsOrTheLimits(JobSpec spec)
    {
        if (spec.Parallelism is < 0 or > 8)
        {
            return true;
        }

        try
        {
            WorkloadCatalog.Get(spec.Workload).Validate(spec.Parameters);
            return false;
        }
        catch (Exception e) when (e is UnknownWorkloadException or InvalidParameterException)
        {
            return true;
        }
    }
}
