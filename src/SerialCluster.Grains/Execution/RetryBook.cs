using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// One stage's retry bookkeeping, shared by both dispatchers: attempts per task, tasks waiting to be sent again (lowest
/// id first), and silos lost (a failed call, or <paramref name="declaredDead"/> by membership). A task sent more than
/// <paramref name="maxAttempts"/> times (the first included) fails stage <paramref name="stage"/>; tasks the
/// <paramref name="ledger"/> has committed are never handed out again.
/// </summary>
public sealed class RetryBook(int stage, int maxAttempts, IReadOnlyList<SiloSlot> silos, TaskLedger ledger, Func<SiloAddress, bool> declaredDead)
{
    private readonly Dictionary<int, int> _attempts = [];
    private readonly SortedSet<int> _retry = [];
    private readonly bool[] _lost = new bool[silos.Count];

    /// <summary>Tasks waiting to be sent again.</summary>
    public int Waiting => _retry.Count;

    /// <summary>Attempts <paramref name="task"/> has had so far (1 until it is retried).</summary>
    public int Attempts(int task) => _attempts.GetValueOrDefault(task, 1);

    /// <summary>Whether the stage no longer sends work to <paramref name="silo"/>.</summary>
    public bool IsLost(int silo) => _lost[silo];

    /// <summary>Marks <paramref name="silo"/> lost; false when it was lost already.</summary>
    public bool Lose(int silo)
    {
        if (_lost[silo])
        {
            return false;
        }

        _lost[silo] = true;
        return true;
    }

    /// <summary>Whether <paramref name="silo"/> is lost or membership has declared it dead since.</summary>
    public bool IsGone(int silo) => _lost[silo] || declaredDead(silos[silo].Address);

    /// <summary>Whether membership has declared <paramref name="silo"/> dead while the stage still counts it live.</summary>
    public bool IsNewlyDead(int silo) => !_lost[silo] && declaredDead(silos[silo].Address);

    /// <summary>The silo to send the next task or lane to (<see cref="TaskPlacement.PickSilo"/> among those not lost).</summary>
    /// <exception cref="SiloLostException">Every silo of the stage is lost: the coordinator starts it again on a fresh view.</exception>
    public int PickSilo(int rotation)
    {
        var silo = TaskPlacement.PickSilo(silos, _lost, rotation);
        if (silo < 0)
        {
            throw new SiloLostException("every silo this stage was spread over");
        }

        return silo;
    }

    /// <summary>Queues <paramref name="task"/> to be sent again, counting the attempt.</summary>
    /// <exception cref="InvalidOperationException">The task has had its allowed attempts; <paramref name="cause"/> is the last failure.</exception>
    public void Retry(int task, Exception cause)
    {
        var count = _attempts[task] = _attempts.GetValueOrDefault(task, 1) + 1;
        if (count > maxAttempts)
        {
            throw new InvalidOperationException($"task {task} of stage {stage} failed on {maxAttempts} attempts; the last: {cause.Message}", cause);
        }

        ledger.Retried++;
        _retry.Add(task);
    }

    /// <summary>Queues the tasks of a batch the ledger has not committed, as <see cref="Retry"/> does each.</summary>
    public void RetryUncommitted(int first, int size, Exception cause)
    {
        for (var task = first; task < first + size; task++)
        {
            if (!ledger.IsCommitted(task))
            {
                Retry(task, cause);
            }
        }
    }

    /// <summary>Takes the lowest waiting task below <paramref name="limit"/> not committed meanwhile; others waiting are dropped on the way.</summary>
    public bool TryTake(int limit, out int task)
    {
        while (_retry.Count > 0)
        {
            task = _retry.Min;
            _retry.Remove(task);
            if (task < limit && !ledger.IsCommitted(task))
            {
                return true;
            }
        }

        task = -1;
        return false;
    }

    /// <summary>
    /// Extends a run that starts at <paramref name="first"/> (just taken) with the waiting tasks right after it, up to
    /// <paramref name="wanted"/> tasks in all; returns the run's length.
    /// </summary>
    public int TakeFollowing(int first, int wanted)
    {
        var size = 1;
        while (size < wanted && _retry.Remove(first + size))
        {
            size++;
        }

        return size;
    }
}
