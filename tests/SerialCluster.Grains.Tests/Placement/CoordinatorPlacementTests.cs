using System.Diagnostics;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Tests.Placement;

/// <summary>A job's coordinator goes where its submission asks (<see cref="CoordinatorSilo"/>), else where Orleans' default puts it.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class CoordinatorPlacementTests(ClusterFixture fixture)
{
    private static readonly Dictionary<string, string> SmallChain = new() { ["steps"] = "1000" };

    [Fact]
    public async Task AJobAskedForASiloIsCoordinatedByThatSilo()
    {
        var silos = await ActiveSilosAsync();
        Assert.Equal(ClusterFixture.SiloCount, silos.Length);
        foreach (var silo in silos)
        {
            var job = await SubmitAsync(silo);
            Assert.Equal(silo, await WhereAsync(job));
            await WaitCompletedAsync(job);
        }
    }

    [Fact]
    public async Task JobsSubmittedWithoutARequestStillSpreadOverTheSilos()
    {
        var where = new HashSet<SiloAddress>();
        for (var i = 0; i < 12; i++)
        {
            var job = await SubmitAsync(null);
            where.Add(await WhereAsync(job));
            await WaitCompletedAsync(job);
        }

        // Orleans' default (random) placement: all twelve on one of three silos has a chance of 3 · 3^-12, about 6 in a million.
        Assert.True(where.Count >= 2, $"12 jobs submitted without a request all went to {string.Join(", ", where)}");
    }

    [Fact]
    public async Task ARequestForASiloThatIsNotThereFallsBackAndTheRequestEndsWithItsScope()
    {
        var gone = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), 1);
        var job = await SubmitAsync(gone);
        Assert.Contains(await WhereAsync(job), await ActiveSilosAsync());
        await WaitCompletedAsync(job);

        using (CoordinatorSilo.Request(gone))
        {
            Assert.Equal(gone.ToParsableString(), RequestContext.Get(CoordinatorSilo.ContextKey));
        }

        Assert.Null(RequestContext.Get(CoordinatorSilo.ContextKey));
    }

    private async Task<SiloAddress[]> ActiveSilosAsync() =>
        [.. (await fixture.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys];

    private async Task<IJobGrain> SubmitAsync(SiloAddress? coordinator)
    {
        var job = fixture.Client.GetGrain<IJobGrain>("coordinator-" + Guid.NewGuid().ToString("N"));
        using (CoordinatorSilo.Request(coordinator))
        {
            var accepted = await job.SubmitAsync(new JobSpec("hashchain", new Dictionary<string, string>(SmallChain), JobMode.Scatter, 2));
            Assert.NotEqual(JobState.Rejected, accepted.State);
        }

        return job;
    }

    private async Task<SiloAddress> WhereAsync(IJobGrain job) =>
        await fixture.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(job)
        ?? throw new InvalidOperationException($"job {job.GetPrimaryKeyString()} has no activation");

    private static async Task WaitCompletedAsync(IJobGrain job)
    {
        var clock = Stopwatch.StartNew();
        var status = await job.GetStatusAsync();
        while (!status.IsFinished)
        {
            Assert.True(clock.Elapsed < JobDriver.Deadline, $"job {job.GetPrimaryKeyString()} did not finish within {JobDriver.Deadline}: {status.State}");
            await Task.Delay(20);
            status = await job.GetStatusAsync();
        }

        Assert.True(status.State == JobState.Completed, $"job {job.GetPrimaryKeyString()} ended {status.State}: {status.Error}");
    }
}
