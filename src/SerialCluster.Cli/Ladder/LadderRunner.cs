using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Abstractions.Ladder;
using SerialCluster.Cli.Bench;
using SerialCluster.Grains.Placement;
using SerialCluster.Workloads.Hashing;
using SerialCluster.Workloads.Randomness;

namespace SerialCluster.Cli.Ladder;

/// <summary>
/// Runs the ladder on a cluster: for each k and each boundary one rung, driven from inside the first silo (so no
/// client hop is timed), each rung's final state checked against the same chain run in one loop here; then the
/// machine's floors. The storage rung runs only where the silos' job storage is Redis: an in-memory store would
/// measure a grain call, which the grain rungs already do.
/// </summary>
public static class LadderRunner
{
    public const int MinCrossings = 5;
    public const long MaxSteps = 2_000_000_000;

    public static async Task<LadderResult> RunAsync(
        IClusterClient client, string cluster, IReadOnlyList<int> ks, double seconds, int floorSamples, Action<string> say,
        CancellationToken cancellationToken)
    {
        var loadBefore = MachineInfo.LoadAverage();
        var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
        var silos = hosts.Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToList();
        var home = silos[0];
        var driver = client.GetGrain<ILadderGrain>(SiloKey.Format(home, "ladder"));
        var storage = await driver.JobStorageAsync().WaitAsync(cancellationToken);
        var seed = Seed();
        var boundaries = Enum.GetValues<LadderBoundary>();
        // Warm-up: the kernel, the rung loops and the far side's activation reach their optimised code before any rung is timed.
        foreach (var boundary in new[] { LadderBoundary.Thread, LadderBoundary.LocalGrain })
        {
            _ = await driver.RunAsync(new LadderRequest(boundary, ks.Max(), seed, Math.Min(0.1, seconds), MinCrossings, MaxSteps, home))
                .WaitAsync(cancellationToken);
        }

        var cells = new List<LadderCell>();
        foreach (var k in ks)
        {
            foreach (var boundary in boundaries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var skip = boundary switch
                {
                    LadderBoundary.OtherSilo when silos.Count < 2 => "skipped: one silo (the other-silo rung needs two)",
                    LadderBoundary.Storage when !storage.Contains("Redis", StringComparison.OrdinalIgnoreCase) =>
                        $"skipped: the job storage is {storage}, not Redis (give --redis: a cluster whose job storage is Redis)",
                    _ => null,
                };
                if (skip is not null)
                {
                    cells.Add(LadderCell.Skip(boundary, k, skip));
                    continue;
                }

                say($"ladder: k = {k}, {LadderResult.Label(boundary)}");
                var peer = boundary == LadderBoundary.OtherSilo ? silos[1] : home;
                var run = await driver.RunAsync(new LadderRequest(boundary, k, seed, seconds, MinCrossings, MaxSteps, peer))
                    .WaitAsync(cancellationToken);
                var identical = OneLoop(seed, run.Steps).SequenceEqual(run.FinalState);
                cells.Add(new LadderCell(boundary, k, run.Steps, run.Crossings, run.Seconds, run.Across, identical));
            }
        }

        say("ladder: the machine's floors (loopback TCP, task hand-off, one bare chain step)");
        var tcp = await LoopbackFloor.TcpAsync(floorSamples, cancellationToken);
        var handOff = await LoopbackFloor.HandOffAsync(floorSamples, cancellationToken);
        var floors = new LadderFloors(
            BenchFormat.Percentile(tcp, 50), BenchFormat.Percentile(handOff, 50), StepNanoseconds(Math.Min(0.3, seconds)));
        return new LadderResult(ks, boundaries, cells, floors, cluster, storage, loadBefore, MachineInfo.LoadAverage(), seconds);
    }

    /// <summary>The chain's start: 32 bytes of SplitMix64 seed 0, outputs 0 to 3, little-endian.</summary>
    public static byte[] Seed()
    {
        var seed = new byte[32];
        for (var i = 0; i < 4; i++)
        {
            BitConverter.TryWriteBytes(seed.AsSpan(i * 8, 8), SplitMix64.At(0, (ulong)i));
        }

        return seed;
    }

    /// <summary>The same chain, <paramref name="steps"/> steps in one loop here: what every rung must end with.</summary>
    public static byte[] OneLoop(byte[] seed, long steps)
    {
        var state = (byte[])seed.Clone();
        Sha256Chain.Iterate(state, steps);
        return state;
    }

    /// <summary>Nanoseconds per chain step in a bare loop here, from batches that double until <paramref name="seconds"/> have passed.</summary>
    private static double StepNanoseconds(double seconds)
    {
        var state = Seed();
        Sha256Chain.Iterate(state, 10_000);
        long batch = 10_000;
        var best = double.PositiveInfinity;
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds < seconds)
        {
            var begin = System.Diagnostics.Stopwatch.GetTimestamp();
            Sha256Chain.Iterate(state, batch);
            best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(begin).TotalSeconds * 1e9 / batch);
            batch = Math.Min(batch * 2, 4_000_000);
        }

        return best;
    }
}
