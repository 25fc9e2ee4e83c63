using System.Diagnostics;
using SerialCluster.Grains.Diagnostics;
using SerialCluster.Grains.Hosting;
using SerialCluster.Grains.Reliability;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Grains.Chains;

/// <summary>
/// The batch loop of one claimed chain run: batches on the thread pool, sized from the measured step cost, the state
/// saved every K steps (also on the last step when one falls due), progress reported every
/// <see cref="SerialChainGrain.ProgressInterval"/>. A graceful shutdown saves where it is, so the next run resumes there.
/// A checkpoint storage fails to take (a paused server) is skipped, not fatal: only the durable progress is late.
/// </summary>
internal sealed class CheckpointedBatchLoop
{
    /// <summary>Compute between a failed checkpoint write and the next try, per second the failed write took.</summary>
    public const double FailedWriteRatio = 4;

    private readonly IChainRun _chain;
    private readonly ChainCheckpointStore _store;
    private readonly ReliabilityOptions _reliability;
    private readonly int _stage;
    private readonly string _silo;
    private readonly string _workload;
    private readonly ChainBatchSizer _sizer;
    private readonly ChainBatchSpans _batchSpans = new();
    private readonly long _resumedFrom;
    private readonly Action<Exception> _notStored;
    private long _k;
    private long _maxK;
    private long _next;
    private long _batch;
    private long _batches;
    private long _computeTicks;
    private int _checkpoints;
    private double _checkpointSeconds;
    private double _lastWrite;
    private long _lastCheckpoint;
    private long _lastReport;
    private int _failedWrites;

    /// <param name="chain">The chain, restored from its checkpoint when there was one.</param>
    /// <param name="store">The chain's claimed checkpoint.</param>
    /// <param name="reliability">K (<see cref="ReliabilityOptions.CheckpointSteps"/>, 0: from the interval) and the interval.</param>
    /// <param name="batchTarget">How long a batch should last on this silo; <paramref name="batchDispatch"/>, what starting one costs.</param>
    /// <param name="stage">The stage, <paramref name="silo"/> and <paramref name="workload"/>, for batch spans and metrics.</param>
    /// <param name="notStored">Hears of a checkpoint storage failed to take (the chain goes on).</param>
    public CheckpointedBatchLoop(
        IChainRun chain,
        ChainCheckpointStore store,
        ReliabilityOptions reliability,
        TimeSpan batchTarget,
        TimeSpan batchDispatch,
        int stage,
        string silo,
        string workload,
        Action<Exception> notStored)
    {
        _notStored = notStored;
        _chain = chain;
        _store = store;
        _reliability = reliability;
        _stage = stage;
        _silo = silo;
        _workload = workload;
        _sizer = new ChainBatchSizer(batchTarget, batchDispatch);
        _resumedFrom = chain.StepsDone;
        _k = reliability.CheckpointSteps;
        _maxK = _k;
        _next = _k > 0 ? chain.StepsDone + _k : long.MaxValue;
        _lastCheckpoint = chain.StepsDone;
    }

    /// <summary>Runs the chain to its end.</summary>
    /// <param name="reportProgress">Reports the steps done to the job (every <see cref="SerialChainGrain.ProgressInterval"/>).</param>
    /// <param name="stepsDone">Sees the steps done after each batch.</param>
    /// <param name="cancellationToken">Stops the run at the next batch; cancelled with <paramref name="stopping"/>.</param>
    /// <param name="stopping">The silo is shutting down.</param>
    public async Task<CheckpointedRun> RunAsync(
        Func<long, Task> reportProgress, Action<long> stepsDone, CancellationToken cancellationToken, CancellationToken stopping)
    {
        _lastReport = Stopwatch.GetTimestamp();
        stepsDone(_chain.StepsDone);
        while (_chain.StepsDone < _chain.TotalSteps)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(stopping, cancellationToken);
            }

            await AdvanceAsync();
            stepsDone(_chain.StepsDone);
            await CheckpointIfDueAsync();
            if (Stopwatch.GetElapsedTime(_lastReport) >= SerialChainGrain.ProgressInterval)
            {
                _lastReport = Stopwatch.GetTimestamp();
                await reportProgress(_chain.StepsDone);
            }
        }

        if (_k > 0 && _chain.StepsDone - _lastCheckpoint >= _k)
        {
            // The checkpoint that falls due on the last step: a result lost on its way back then costs nothing.
            await TrySaveAsync();
        }

        return new CheckpointedRun((double)_computeTicks / Stopwatch.Frequency, _batches, _checkpoints, _checkpointSeconds, _store.Resumes, _maxK);
    }

    /// <summary>A graceful shutdown leaves the state where the next run picks it up, not K steps back; then the run stops.</summary>
    private async Task StopAsync(CancellationToken stopping, CancellationToken cancellationToken)
    {
        if (stopping.IsCancellationRequested && _chain.StepsDone > _resumedFrom)
        {
            await TrySaveAsync();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs the next batch on the thread pool, no further than the next checkpoint.</summary>
    private async Task AdvanceAsync()
    {
        _batch = _sizer.Next(_chain.TotalSteps - _chain.StepsDone, _batch);
        var steps = Math.Min(_batch, _next - _chain.StepsDone);
        long ticks;
        using (_batchSpans.Start(_stage, steps, _silo))
        {
            ticks = await Task.Run(() =>
            {
                var begin = Stopwatch.GetTimestamp();
                _chain.Advance(steps);
                return Stopwatch.GetTimestamp() - begin;
            });
        }

        _sizer.Observe(steps, ticks);
        SerialClusterMetrics.ChainBatch(_workload, steps, (double)ticks / Stopwatch.Frequency);
        _computeTicks += ticks;
        _batches++;
    }

    /// <summary>
    /// Saves the state when K steps have passed since the last save. K unset: it follows from the configured interval
    /// and the last write's cost (<see cref="CheckpointInterval"/>), first set once a batch has measured the step cost.
    /// </summary>
    private async Task CheckpointIfDueAsync()
    {
        if (_reliability.CheckpointSteps == 0 && _next == long.MaxValue)
        {
            _k = CheckpointInterval.Steps(_reliability.CheckpointInterval, _lastWrite, _sizer.SecondsPerStep);
            _next = _k > 0 ? _chain.StepsDone + _k : long.MaxValue;
            _maxK = Math.Max(_maxK, _k);
        }

        if (_chain.StepsDone < _next || _chain.StepsDone >= _chain.TotalSteps)
        {
            return;
        }

        var failedAt = Stopwatch.GetTimestamp();
        if (await TrySaveAsync() is not { } written)
        {
            // Tried again once the chain has computed FailedWriteRatio times what the failed write blocked it, at least
            // K steps: a storage outage slows the chain by a fraction, not by a timeout per K steps.
            var blocked = Stopwatch.GetElapsedTime(failedAt).TotalSeconds;
            var wait = Math.Max(blocked * FailedWriteRatio, StorageBackoff.After(_failedWrites).TotalSeconds);
            var steps = _sizer.SecondsPerStep > 0 ? (long)Math.Min(wait / _sizer.SecondsPerStep, long.MaxValue / 4) : 0;
            _next = _chain.StepsDone + Math.Max(Math.Max(_k, steps), 1);
            return;
        }

        _lastCheckpoint = _chain.StepsDone;
        _lastWrite = written;
        if (_reliability.CheckpointSteps == 0)
        {
            _k = CheckpointInterval.Steps(_reliability.CheckpointInterval, _lastWrite, _sizer.SecondsPerStep);
            _maxK = Math.Max(_maxK, _k);
        }

        _next = _chain.StepsDone + _k;
    }

    /// <summary>Saves the state; null when storage failed to take it (a newer run's claim still stops the chain).</summary>
    private async Task<double?> TrySaveAsync()
    {
        try
        {
            var seconds = await _store.SaveAsync(_chain.StepsDone, _chain.Checkpoint());
            _checkpointSeconds += seconds;
            _checkpoints++;
            _failedWrites = 0;
            return seconds;
        }
        catch (Exception e) when (StorageBackoff.IsRetryable(e))
        {
            _failedWrites++;
            _notStored(e);
            return null;
        }
    }
}
