using SerialCluster.Cli.Bench;

namespace SerialCluster.Cli.Tests.Bench;

/// <summary>
/// Bench target 7's peer: src/SerialCluster.Cli/Bench/dask_fanout.py run as the bench runs it, at a tiny size, on a real Dask
/// LocalCluster. Its document's shape and its figures' arithmetic are checked; no timing is asserted.
/// </summary>
public sealed class DaskPeerTests
{
    [SkippableFact]
    public async Task TheDaskFanOutRunsOnALocalClusterAndReportsEveryFigure()
    {
        var python = await DaskPeer.FindPythonAsync(CancellationToken.None);
        Skip.If(python is null, "no Python here imports dask.distributed: apt-get install -y python3-distributed");

        var document = await DaskPeer.RunFanOutAsync(python!, 20, 40, 0.2, 2, TimeSpan.FromMinutes(3), CancellationToken.None);

        Assert.Equal(2, document["workers"]!.GetValue<int>());
        Assert.Equal(1, document["threadsPerWorker"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(document["distributed"]!.GetValue<string>()));
        var empty = document["empty"]!.AsObject();
        Assert.Equal(20, empty["tasks"]!.GetValue<int>());
        var emptyWall = empty["wallSeconds"]!.GetValue<double>();
        Assert.True(emptyWall > 0);
        Assert.Equal(2 * emptyWall / 20, empty["overheadSecondsPerTask"]!.GetValue<double>(), 12);
        var fanOut = document["fanout"]!.AsObject();
        Assert.Equal(40, fanOut["tasks"]!.GetValue<int>());
        Assert.True(fanOut["checkedTasks"]!.GetValue<int>() >= 20);
        Assert.True(fanOut["iterationsPerTask"]!.GetValue<long>() >= 1);
        var t1 = fanOut["t1Seconds"]!.GetValue<double>();
        var wall = fanOut["wallSeconds"]!.GetValue<double>();
        Assert.Equal(t1 / 2 / wall, fanOut["efficiency"]!.GetValue<double>(), 12);
        Assert.Equal(Math.Max(0, (2 * wall) - t1) / 40, fanOut["overheadSecondsPerTask"]!.GetValue<double>(), 12);
    }

    [SkippableFact]
    public async Task TheScriptRefusesABadSizeNamingIt()
    {
        var python = await DaskPeer.FindPythonAsync(CancellationToken.None);
        Skip.If(python is null, "no Python here imports dask.distributed: apt-get install -y python3-distributed");

        var failure = await Assert.ThrowsAsync<CliException>(
            () => DaskPeer.RunFanOutAsync(python!, 20, 0, 0.2, 2, TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.Contains("--tasks 0 is out of range; allowed: 1 to 1000000", failure.Message, StringComparison.Ordinal);
    }
}
