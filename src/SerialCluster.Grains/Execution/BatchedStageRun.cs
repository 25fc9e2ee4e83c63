using System.Diagnostics;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Execution;

namespace SerialCluster.Grains.Execution;

/// <summary>
/// One stage under <see cref="BatchedStageDispatcher"/>: its lanes, the batches in flight and the next task. One lane per
/// unit of parallelism, each opened on the least-loaded silo; a lane's batches run one after another on its worker
/// (<c>TaskLanes</c>), so at most P tasks run at once while the next batch already waits there. A batch whose silo is
/// lost or whose call fails transiently has its uncommitted tasks sent again, and the lanes on that silo move to another.
/// </summary>
internal sealed class BatchedStageRun
{
    private readonly RetryBook _book;
    private readonly SiloAddress? _localSilo;
    private readonly StageRun _run;
    private readonly CancellationToken _cancellationToken;
    private readonly InFlightCalls<StageTaskBatchOutcome, TaskBatch> _calls;
    private readonly TaskBatchSizer _sizer;
    private readonly int _count;
    private readonly StageLanes _lanes;
    private int _next;
    private int _lastBatch = 1;

    public BatchedStageRun(
        IGrainFactory grains, RetryBook book, SiloAddress? localSilo, StageRun run, TimeProvider time, CancellationToken cancellationToken)
    {
        _calls = new(time);
        _book = book;
        _localSilo = localSilo;
        _run = run;
        _cancellationToken = cancellationToken;
        _count = run.StageSpec.TaskCount;
        _sizer = new TaskBatchSizer(run.Parallelism);
        _lanes = new StageLanes(grains, book, run.Silos, Math.Min(run.Parallelism, Math.Max(1, _count)));
    }

    public async Task<byte[][]> RunAsync()
    {
        _run.CountRestored();
        _lanes.OpenAll();
        try
        {
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
        }
        finally
        {
            _lanes.CloseAll();
            _calls.ObserveLate();
        }

        return _run.Ledger.TakeOutputs(_count);
    }

    /// <summary>
    /// Gives each lane with room a batch. Near the end of the stage a queued batch could wait behind a lane while another
    /// lane idles: lanes queue ahead only while plenty is left; then a lane gets work only when it is free.
    /// </summary>
    private void Dispatch()
    {
        var depthNow = _count - _next >= 4 * _lanes.Count * Math.Max(1, _lastBatch) ? BatchedStageDispatcher.LaneDepth : 1;
        for (var depth = 1; depth <= depthNow; depth++)
        {
            for (var lane = 0; lane < _lanes.Count; lane++)
            {
                if (_lanes.InFlight(lane) >= depth
                    || !TryTakeBatch(Math.Min(BatchedStageDispatcher.MaxTasksPerCall, _sizer.Next(Math.Max(1, _count - _next))), out var first, out var size))
                {
                    continue;
                }

                Send(lane, first, size);
            }
        }
    }

    private void Send(int lane, int first, int size)
    {
        _lastBatch = size;
        var dispatched = Stopwatch.GetTimestamp();
        var request = Request(first, size, lane);
        var call = _lanes.WorkerOf(lane).RunTasksAsync(request);
        _lanes.Sent(lane);
        _run.Accumulator.Called();
        _calls.Add(call, new TaskBatch(first, size, lane, _lanes.SiloOf(lane), dispatched));
    }

    private async Task ReceiveAsync(Task<StageTaskBatchOutcome> answered, TaskBatch batch, bool wasLate)
    {
        if (!wasLate)
        {
            _lanes.Answered(batch.Lane);
        }

        StageTaskBatchOutcome outcome;
        try
        {
            outcome = await answered;
            if (outcome.Count != batch.Size)
            {
                var worker = _run.Silos[batch.Silo].Name;
                throw new InvalidOperationException(
                    $"a worker on {worker} answered {outcome.Count} of the {batch.Size} tasks from task {batch.First} of stage {_run.Stage}");
            }
        }
        catch (Exception e) when (TransientFailure.IsTransient(e) && !_cancellationToken.IsCancellationRequested)
        {
            if (!wasLate)
            {
                // A silo that failed a call gets no more of this stage; its lanes move to another silo.
                _book.RetryUncommitted(batch.First, batch.Size, e);
                LoseSilo(batch.Silo, e);
            }

            return;
        }

        _run.Accumulator.Built(outcome.BuildSeconds); // the silo built the plan whether or not these answers count
        await CommitAsync(batch, outcome);
    }

    /// <summary>Commits each task of an answer the ledger does not hold yet (a late original after a retry counts once).</summary>
    private async Task CommitAsync(TaskBatch batch, StageTaskBatchOutcome outcome)
    {
        double seconds = 0;
        long units = 0;
        var any = false;
        for (var i = 0; i < outcome.Count; i++)
        {
            var task = batch.First + i;
            if (!_run.Ledger.Commit(task, outcome.Output(i), outcome.Seconds[i], outcome.Silo))
            {
                continue;
            }

            _run.Accumulator.Add(outcome.Seconds[i], outcome.Silo, batch.Dispatched);
            seconds += outcome.Seconds[i];
            units += _run.Plan.TaskUnits(_run.Stage, task);
            any = true;
        }

        // A queued batch's round trip includes its wait behind the one before it: not an overhead to size by.
        _sizer.Observe(outcome.Count, seconds);
        if (any)
        {
            _run.UnitsCompleted(units);
            await _run.Committed();
        }
    }

    /// <summary>
    /// A batch's call. A stage whose inputs need no previous outputs (a job's first stage) sends none: the worker makes
    /// them from the plan, the same pure function of (stage, task), so the coordinator allocates, packs and ships nothing
    /// per task. Otherwise the inputs go along: as they are to this silo (an immutable request is not serialized), packed
    /// to another.
    /// </summary>
    private StageTaskBatchRequest Request(int first, int size, int lane)
    {
        var local = _localSilo is null || _run.Silos[_lanes.SiloOf(lane)].Address.Equals(_localSilo);
        if (_run.PreviousOutputs.Count == 0)
        {
            return new StageTaskBatchRequest(_run.JobId, _run.RunSpec, _run.Stage, first, [], lane, PlannedCount: size, PackOutputs: !local);
        }

        var inputs = new byte[size][];
        for (var i = 0; i < size; i++)
        {
            inputs[i] = _run.Plan.CreateTaskInput(_run.Stage, first + i, _run.PreviousOutputs);
        }

        return local
            ? new StageTaskBatchRequest(_run.JobId, _run.RunSpec, _run.Stage, first, inputs, lane)
            : new StageTaskBatchRequest(_run.JobId, _run.RunSpec, _run.Stage, first, [], lane, PackedBytes.Pack(inputs));
    }

    /// <summary>The next run of consecutive uncommitted tasks, at most <paramref name="wanted"/> long: retried tasks first, in order.</summary>
    private bool TryTakeBatch(int wanted, out int first, out int size)
    {
        if (_book.TryTake(_count, out first))
        {
            size = _book.TakeFollowing(first, wanted);
            return true;
        }

        while (_next < _count && _run.Ledger.IsCommitted(_next))
        {
            _next++;
        }

        first = _next;
        size = 0;
        while (_next < _count && size < wanted && !_run.Ledger.IsCommitted(_next))
        {
            _next++;
            size++;
        }

        return size > 0;
    }

    /// <summary>
    /// Abandons every batch in flight on the silo (sent again elsewhere; should an original still answer, the ledger
    /// keeps one result) and moves its lanes to other silos.
    /// </summary>
    private void LoseSilo(int silo, Exception cause)
    {
        foreach (var batch in _calls.Abandon(b => b.Silo == silo))
        {
            _book.RetryUncommitted(batch.First, batch.Size, cause);
        }

        if (_book.Lose(silo))
        {
            _lanes.MoveFrom(silo);
        }
    }

    private void AbandonLostSilos()
    {
        for (var silo = 0; silo < _run.Silos.Count; silo++)
        {
            if (_book.IsNewlyDead(silo))
            {
                LoseSilo(silo, new SiloLostException(_run.Silos[silo].Name));
            }
        }
    }
}
