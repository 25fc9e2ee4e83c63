using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Placement;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// The lanes of one batched stage: per lane the silo it is open on, that silo's worker, and its batches in flight.
/// A lane counts once in its silo's in-flight share while it is open (<see cref="SiloSlot.Load"/>), so lanes spread
/// over silos by free cores as single tasks do.
/// </summary>
internal sealed class StageLanes(IGrainFactory grains, RetryBook book, IReadOnlyList<SiloSlot> silos, int count)
{
    private readonly int[] _silo = new int[count];
    private readonly IWorkerGrain[] _worker = new IWorkerGrain[count];
    private readonly int[] _inFlight = new int[count];

    public int Count => count;

    /// <summary>The silo (index) <paramref name="lane"/> is open on.</summary>
    public int SiloOf(int lane) => _silo[lane];

    public IWorkerGrain WorkerOf(int lane) => _worker[lane];

    /// <summary>Batches sent on <paramref name="lane"/> and not yet answered.</summary>
    public int InFlight(int lane) => _inFlight[lane];

    public void Sent(int lane) => _inFlight[lane]++;

    public void Answered(int lane) => _inFlight[lane]--;

    /// <summary>Opens every lane, each on the least-loaded silo, ties rotating by lane so equal silos share lanes.</summary>
    public void OpenAll()
    {
        for (var lane = 0; lane < count; lane++)
        {
            Open(lane);
        }
    }

    /// <summary>Moves the lanes open on <paramref name="lost"/> (which the stage no longer uses) to other silos.</summary>
    public void MoveFrom(int lost)
    {
        for (var lane = 0; lane < count; lane++)
        {
            if (_silo[lane] == lost)
            {
                silos[lost].InFlight--;
                _silo[lane] = -1;
                _inFlight[lane] = 0;
                Open(lane);
            }
        }
    }

    /// <summary>The stage is over: its lanes no longer count in their silos' loads.</summary>
    public void CloseAll()
    {
        foreach (var silo in _silo)
        {
            if (silo >= 0)
            {
                silos[silo].InFlight--;
            }
        }
    }

    private void Open(int lane)
    {
        var silo = book.PickSilo(lane);
        _silo[lane] = silo;
        silos[silo].InFlight++;
        _worker[lane] = grains.GetGrain<IWorkerGrain>(SiloKey.Format(silos[silo].Address, "worker"));
    }
}
