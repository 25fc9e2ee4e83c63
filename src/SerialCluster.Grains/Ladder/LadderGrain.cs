using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Ladder;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Placement;
using SerialCluster.Workloads.Hashing;

namespace SerialCluster.Grains.Ladder;

/// <summary>
/// Drives a ladder rung on the silo its key names: the chain advances k steps, then its state crosses the rung's
/// boundary and comes back (for a grain boundary the k steps run on the far side), until the rung's time is up. The
/// wall includes everything the chain waited for, which is the point: a serial chain cannot overlap its crossings.
/// </summary>
[SiloTargetedPlacement]
public sealed class LadderGrain(ILocalSiloDetails silo, IGrainFactory grains, IServiceProvider services) : Grain, ILadderGrain
{
    private const string StateName = "ladder";

    public Task<string> JobStorageAsync() =>
        Task.FromResult(services.GetRequiredKeyedService<IGrainStorage>(SerialClusterStorage.Jobs).GetType().Name);

    public async Task<LadderRun> RunAsync(LadderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        LadderChain.Require(request.Seed);
        if (request.StepsPerCrossing < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"steps per crossing {request.StepsPerCrossing}; allowed: 1 or more");
        }

        return request.Boundary switch
        {
            LadderBoundary.Thread => await Task.Run(() => InThread(request)),
            LadderBoundary.LocalGrain => await ThroughGrainAsync(request, silo.SiloAddress),
            LadderBoundary.OtherSilo => await ThroughGrainAsync(
                request, request.Peer ?? throw new ArgumentException("the other-silo rung needs the peer silo", nameof(request))),
            LadderBoundary.Storage => await ThroughStorageAsync(request),
            _ => throw new ArgumentOutOfRangeException(
                nameof(request), $"boundary {request.Boundary}; allowed: {string.Join(", ", Enum.GetNames<LadderBoundary>())}"),
        };
    }

    /// <summary>The rung with no boundary: k steps in place, then the state copied out, as any crossing must at least do.</summary>
    private LadderRun InThread(LadderRequest request)
    {
        var state = (byte[])request.Seed.Clone();
        var k = request.StepsPerCrossing;
        var start = Stopwatch.GetTimestamp();
        long steps = 0, crossings = 0;
        while (More(request, start, steps, crossings))
        {
            Sha256Chain.Iterate(state, k);
            state = (byte[])state.Clone();
            steps += k;
            crossings++;
        }

        return new LadderRun(steps, crossings, Stopwatch.GetElapsedTime(start).TotalSeconds, state, silo.Name, "this thread");
    }

    private async Task<LadderRun> ThroughGrainAsync(LadderRequest request, SiloAddress target)
    {
        var hop = grains.GetGrain<ILadderHopGrain>(SiloKey.Format(target, "ladder-hop"));
        var state = (byte[])request.Seed.Clone();
        var where = await hop.WhereAsync(); // also activates the far side before the clock starts
        if (!where.Equals(target))
        {
            throw new InvalidOperationException($"the rung's far side runs on {where}, not on {target}: the silo is not placeable yet");
        }

        var k = request.StepsPerCrossing;
        var start = Stopwatch.GetTimestamp();
        long steps = 0, crossings = 0;
        while (More(request, start, steps, crossings))
        {
            state = await hop.AdvanceAsync(state, k);
            steps += k;
            crossings++;
        }

        var across = target.Equals(silo.SiloAddress) ? "a grain on this silo" : $"a grain on {target}";
        return new LadderRun(steps, crossings, Stopwatch.GetElapsedTime(start).TotalSeconds, state, silo.Name, across);
    }

    /// <summary>k steps here, then the state written to the job storage and read back: the chain goes on from what was read.</summary>
    private async Task<LadderRun> ThroughStorageAsync(LadderRequest request)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(SerialClusterStorage.Jobs);
        var id = GrainId.Create("sc-ladder", $"{silo.SiloAddress.ToParsableString()}/{Guid.NewGuid():N}");
        var written = new GrainState<LadderSnapshot>(new LadderSnapshot());
        var read = new GrainState<LadderSnapshot>(new LadderSnapshot());
        var state = (byte[])request.Seed.Clone();
        var k = request.StepsPerCrossing;
        var start = Stopwatch.GetTimestamp();
        long steps = 0, crossings = 0;
        try
        {
            while (More(request, start, steps, crossings))
            {
                Sha256Chain.Iterate(state, k);
                steps += k;
                written.State = new LadderSnapshot { State = state, Steps = steps };
                await storage.WriteStateAsync(StateName, id, written);
                await storage.ReadStateAsync(StateName, id, read);
                if (read.State?.Steps != steps || read.State.State is not { Length: LadderChain.StateBytes } back)
                {
                    throw new InvalidOperationException($"the job storage gave back another state than the one written after {steps} steps");
                }

                state = back;
                crossings++;
            }

            return new LadderRun(steps, crossings, Stopwatch.GetElapsedTime(start).TotalSeconds, state, silo.Name, storage.GetType().Name);
        }
        finally
        {
            if (written.ETag is not null)
            {
                await storage.ClearStateAsync(StateName, id, written);
            }
        }
    }

    private static bool More(LadderRequest request, long start, long steps, long crossings) =>
        steps + request.StepsPerCrossing <= request.MaxSteps
        && (crossings < request.MinCrossings || Stopwatch.GetElapsedTime(start).TotalSeconds < request.Seconds);
}
