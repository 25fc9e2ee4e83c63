using System.Diagnostics;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Abstractions.GrainInterfaces;
using SerialCluster.Grains.Placement;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// One stage under <see cref="PerTaskStageDispatcher"/>: the calls in flight, the next task, and the speculative cut.
/// Tasks are pure, so one whose silo is lost or whose call fails transiently is sent again to another silo; every
/// result goes through the stage's ledger, which commits each task once by id (a late original after a retry is
/// discarded), and tasks it already holds are not run again.
/// </summary>
internal sealed class PerTaskStageRun
{
    private readonly RetryBook _book;
    private readonly StageRun _run;
    private readonly CancellationToken _cancellationToken;
    private readonly IWorkerGrain[] _workers;
    private readonly InFlightCalls<StageTaskOutcome, TaskCall> _calls;
    private int _cut;
    private int _next;
    private int _roundRobin;

    public PerTaskStageRun(IGrainFactory grains, RetryBook book, StageRun run, TimeProvider time, CancellationToken cancellationToken)
    {
        _calls = new(time);
        _book = book;
        _run = run;
        _cancellationToken = cancellationToken;
        _workers = [.. run.Silos.Select(s => grains.GetGrain<IWorkerGrain>(SiloKey.Format(s.Address, "worker")))];
        _cut = run.StageSpec.TaskCount;
    }

    public async Task<byte[][]> RunAsync()
    {
        _run.CountRestored(task => CutAfter(task, _run.Ledger.Output(task)!));
        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Dispatch();
            if (_calls.Count == 0)
            {
                break;
            }

            if (await _calls.NextAsync() is not { } answer)
            {
                AbandonLostSilos();
                continue;
            }

            await ReceiveAsync(answer.Call, answer.Entry, answer.WasLate);
        }

        _calls.ObserveLate();
        return _run.Ledger.TakeOutputs(_cut);
    }

    /// <summary>Sends tasks until P are in flight or none is left to send.</summary>
    private void Dispatch()
    {
        while (_calls.Count < _run.Parallelism && TryTakeTask(out var task))
        {
            var silo = _book.PickSilo(_roundRobin++);
            var input = _run.Plan.CreateTaskInput(_run.Stage, task, _run.PreviousOutputs);
            var dispatched = Stopwatch.GetTimestamp();
            var call = _workers[silo].RunTaskAsync(new StageTaskRequest(_run.JobId, _run.RunSpec, _run.Stage, task, input));
            _run.Silos[silo].InFlight++;
            _run.Accumulator.Called();
            _calls.Add(call, new TaskCall(task, silo, dispatched));
        }
    }

    private async Task ReceiveAsync(Task<StageTaskOutcome> answered, TaskCall entry, bool wasLate)
    {
        if (!wasLate)
        {
            _run.Silos[entry.Silo].InFlight--;
        }

        StageTaskOutcome outcome;
        try
        {
            outcome = await answered;
        }
        catch (Exception e) when (TransientFailure.IsTransient(e) && !_cancellationToken.IsCancellationRequested)
        {
            if (!wasLate)
            {
                // A silo that failed a call is not sent more of this stage (it may not be declared dead yet); should
                // every silo fail, the coordinator starts the stage again on a fresh view of the cluster.
                _book.Lose(entry.Silo);
                _book.Retry(entry.Task, e);
            }

            return;
        }

        _run.Accumulator.Built(outcome.BuildSeconds); // the silo built the plan whether or not this answer counts
        if (entry.Task >= _cut || !_run.Ledger.Commit(entry.Task, outcome))
        {
            return; // a later speculative task, or a task committed already: its work is not counted.
        }

        _run.Accumulator.Add(outcome.Seconds, outcome.Silo, entry.Dispatched);
        _run.UnitsCompleted(_run.Plan.TaskUnits(_run.Stage, entry.Task));
        CutAfter(entry.Task, outcome.Output);
        await _run.Committed();
    }

    /// <summary>In a speculative stage, a decisive task makes every later task unneeded.</summary>
    private void CutAfter(int task, byte[] output)
    {
        if (_run.StageSpec.Speculative && _run.Plan.IsDecisive(_run.Stage, task, output))
        {
            _cut = Math.Min(_cut, task + 1);
        }
    }

    /// <summary>The next task to send: tasks to retry first (lowest id), then the next new one; none at or past the cut.</summary>
    private bool TryTakeTask(out int task)
    {
        if (_book.TryTake(_cut, out task))
        {
            return true;
        }

        while (_next < _cut)
        {
            task = _next++;
            if (!_run.Ledger.IsCommitted(task))
            {
                return true;
            }
        }

        task = -1;
        return false;
    }

    /// <summary>
    /// A call whose silo is lost becomes late: its task is sent elsewhere; should the original still answer, the ledger
    /// keeps one result.
    /// </summary>
    private void AbandonLostSilos()
    {
        foreach (var (task, silo, _) in _calls.Abandon(c => _book.IsGone(c.Silo)))
        {
            _book.Lose(silo);
            _run.Silos[silo].InFlight--;
            _book.Retry(task, new SiloLostException(_run.Silos[silo].Name));
        }
    }
}
