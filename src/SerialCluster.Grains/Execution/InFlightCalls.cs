using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// The worker calls a stage dispatcher awaits: those in flight, and late ones abandoned with a lost silo (their work is
/// sent again; the ledger keeps a single result). The next answer is awaited together with the silo-watch tick, so lost
/// silos are looked for every <see cref="SiloWatch.Interval"/> even while every call runs long.
/// </summary>
/// <typeparam name="TResult">What a call answers; TEntry: what the dispatcher keeps about a call (task(s), silo, sent).</typeparam>
internal sealed class InFlightCalls<TResult, TEntry>(TimeProvider time)
{
    private readonly Dictionary<Task<TResult>, TEntry> _inFlight = [];
    private readonly Dictionary<Task<TResult>, TEntry> _late = [];
    private Task? _tick;

    /// <summary>Calls in flight, late ones not counted.</summary>
    public int Count => _inFlight.Count;

    public void Add(Task<TResult> call, TEntry entry) => _inFlight.Add(call, entry);

    /// <summary>
    /// Waits for the next call to answer (in flight or late) and stops awaiting it: its entry, and whether it was late.
    /// Null when the silo-watch tick came first: time to look for lost silos (<see cref="Abandon"/>).
    /// </summary>
    public async Task<(Task<TResult> Call, TEntry Entry, bool WasLate)?> NextAsync()
    {
        _tick ??= Task.Delay(SiloWatch.Interval, time, CancellationToken.None);
        var finished = await Task.WhenAny(_inFlight.Keys.Concat(_late.Keys).Append(_tick));
        if (finished == _tick)
        {
            _tick = null;
            return null;
        }

        var call = (Task<TResult>)finished;
        if (_late.Remove(call, out var entry))
        {
            return (call, entry, true);
        }

        _inFlight.Remove(call, out entry);
        return (call, entry!, false);
    }

    /// <summary>Abandons the calls in flight whose entry matches: they become late (still awaited, no longer counted). Returns their entries.</summary>
    public List<TEntry> Abandon(Func<TEntry, bool> matches)
    {
        var abandoned = new List<TEntry>();
        foreach (var (call, entry) in _inFlight.Where(c => matches(c.Value)).ToList())
        {
            _inFlight.Remove(call);
            _late.Add(call, entry);
            abandoned.Add(entry);
        }

        return abandoned;
    }

    /// <summary>The stage is done with its late calls: their eventual failures are marked observed.</summary>
    public void ObserveLate()
    {
        foreach (var abandoned in _late.Keys)
        {
            SiloWatch.Observe(abandoned);
        }
    }
}
