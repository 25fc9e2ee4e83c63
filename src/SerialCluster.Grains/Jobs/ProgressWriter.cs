using Microsoft.Extensions.Logging;
using Orleans.Storage;
using SerialCluster.Abstractions.Jobs;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// Stores a running job's progress: at a chain stage's end, and otherwise (task results, stepped stages' ends) only
/// when the write is due under the 1% rule (<see cref="SaveIfDueAsync"/>). Folds the current stage's ledger counts into
/// the stored counters. Writes are made one at a time; a write storage fails is tried again with backoff (or skipped,
/// for a due write); a write refused by the ETag check is resolved by reading the record (<see cref="TakeBackAsync"/>).
/// </summary>
internal sealed partial class ProgressWriter(JobContext job, CancellationToken stopping)
{
    /// <summary>Committed compute per second of progress writing, at least (see <see cref="SaveIfDueAsync"/>).</summary>
    public const double SaveCostRatio = 100;

    /// <summary>
    /// What storing one committed task result is assumed to cost at least, before a write has measured it: each result
    /// is written as text and copied by the storage, so a stage's first write is held to the 1% rule too, and a million
    /// one-sample tasks are not stored as a seconds-long write.
    /// </summary>
    public static readonly TimeSpan WriteCostPerResult = TimeSpan.FromMicroseconds(1);

    /// <summary>Refusals in a row, each resolved by reading the record, before this run gives the job up.</summary>
    private const int MaxRefusals = 5;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskLedger? _ledger;
    private (int Retried, int Duplicates, int Committed) _folded;
    private long _lastSave;
    private double _lastSaveSeconds;
    private double _workSinceSave;

    /// <summary>What the current stage's ledger counted and the stored counters do not hold yet.</summary>
    public (int Retried, int Duplicates, int Committed) Unfolded => _ledger is { } l
        ? (l.Retried - _folded.Retried, l.Duplicates - _folded.Duplicates, l.Committed - l.Restored - _folded.Committed)
        : (0, 0, 0);

    /// <summary>A parallel stage starts: its ledger's task results are stored with the progress from now on.</summary>
    public void BeginStage(TaskLedger ledger)
    {
        _ledger = ledger;
        _folded = (0, 0, 0);
    }

    /// <summary>The stage is committed: its counts are folded and its unsaved work is carried to the next write.</summary>
    public void EndStage()
    {
        Fold();
        _workSinceSave += _ledger?.UnsavedSeconds ?? 0;
        _ledger = null;
    }

    /// <summary>
    /// Stores the progress now, trying again while storage fails (<see cref="StorageBackoff"/>), until it is stored, the
    /// run is stopped, or <see cref="StorageBackoff.Window"/> passes (then the last failure is thrown).
    /// </summary>
    /// <exception cref="JobSupersededException">A newer coordinator holds the job: this run stops.</exception>
    public async Task SaveAsync()
    {
        await _gate.WaitAsync(stopping);
        try
        {
            Gather();
            await WriteAsync(StorageBackoff.Window, stopping);
            Saved();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stores the committed task results when the write interval has passed since the last write.</summary>
    /// <remarks>
    /// Also only when the compute committed since then is at least <see cref="SaveCostRatio"/> times what that write
    /// took, as chain checkpoints do, so storing progress never costs more than 1% of the work it protects. An unmeasured
    /// write is assumed to cost <see cref="WriteCostPerResult"/> per result it holds. A failed write is skipped.
    /// </remarks>
    public Task SaveIfDueAsync()
    {
        var results = (_ledger?.Committed ?? 0) + (job.Job.Progress?.Previous.Count ?? 0);
        var writeCost = Math.Max(_lastSaveSeconds, results * WriteCostPerResult.TotalSeconds);
        return _gate.CurrentCount > 0
            && job.Time.GetElapsedTime(_lastSave) >= job.Options.Reliability.ProgressWriteInterval
            && _workSinceSave + (_ledger?.UnsavedSeconds ?? 0) >= SaveCostRatio * writeCost
            ? SaveOnceAsync()
            : Task.CompletedTask;
    }

    /// <summary>Stores the progress if it can, in one try; a failure is logged, never thrown.</summary>
    public async Task SaveQuietlyAsync()
    {
        try
        {
            await SaveOnceAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogJobNotStored(job.Logger, e, job.JobId);
        }
    }

    /// <summary>
    /// Stores the finished job, trying again while storage fails; if it never takes it, the result is still served from
    /// memory and the failure logged. False when superseded.
    /// </summary>
    public async Task<bool> PersistFinishedAsync()
    {
        await _gate.WaitAsync();
        try
        {
            Fold();
            await WriteAsync(StorageBackoff.Window, CancellationToken.None);
            return true;
        }
        catch (JobSupersededException e)
        {
            LogSuperseded(job.Logger, e, job.JobId);
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogJobNotStored(job.Logger, e, job.JobId);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One try at storing the progress (a refusal is still resolved); storage's failure is logged and skipped.</summary>
    private async Task SaveOnceAsync()
    {
        if (!await _gate.WaitAsync(TimeSpan.Zero))
        {
            return; // a write is under way: it carries this progress, or the next one will
        }

        try
        {
            Gather();
            await WriteAsync(TimeSpan.Zero, stopping);
            Saved();
        }
        catch (Exception e) when (StorageBackoff.IsRetryable(e))
        {
            // Tried again after the write interval, not at the next commit: a paused storage is not hammered.
            _lastSave = job.Time.GetTimestamp();
            LogProgressNotStored(job.Logger, e, job.JobId);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Gather()
    {
        Fold();
        if (_ledger is { } ledger && job.Job.Progress is { } progress)
        {
            progress.Committed = ledger.ToStored();
        }
    }

    private void Saved()
    {
        _ledger?.TakeUnsaved();
        _workSinceSave = 0;
        _lastSave = job.Time.GetTimestamp();
    }

    /// <summary>
    /// Writes the record, trying again for <paramref name="window"/> while storage fails. A write refused by the ETag
    /// check is resolved by reading what is stored (<see cref="TakeBackAsync"/>).
    /// </summary>
    private async Task WriteAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var start = job.Time.GetTimestamp();
        var refused = false;
        for (var failures = 1; ; failures++)
        {
            try
            {
                if (refused)
                {
                    await TakeBackAsync();
                }

                var writing = job.Time.GetTimestamp();
                await job.Record.WriteStateAsync();
                _lastSaveSeconds = job.Time.GetElapsedTime(writing).TotalSeconds;
                return;
            }
            catch (InconsistentStateException e)
            {
                if (refused && failures > MaxRefusals)
                {
                    throw new JobSupersededException(job.JobId, e);
                }

                refused = true;
            }
            catch (Exception e) when (StorageBackoff.IsRetryable(e) && job.Time.GetElapsedTime(start) < window)
            {
                LogRetryingWrite(job.Logger, e, job.JobId, failures);
                await Task.Delay(StorageBackoff.After(failures), job.Time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The stored record refused this coordinator's write: finds out why. A higher stored coordinator run means a newer
    /// coordinator took the job over (or a record no longer running means it ended elsewhere): this one stops. Otherwise
    /// the refusal came from this coordinator's own write that timed out and landed late: it takes the stored ETag and
    /// writes what it holds in memory, which is newer than anything it stored.
    /// </summary>
    private async Task TakeBackAsync()
    {
        // Reading the record replaces the state and takes the stored ETag; the state in memory is put back at once
        // (no await between), so the run and status queries never see the stored copy.
        var mine = job.Job;
        JobRecord stored;
        bool exists;
        try
        {
            await job.Record.ReadStateAsync();
            (stored, exists) = (job.Record.State, job.Record.RecordExists);
        }
        finally
        {
            job.Record.State = mine;
        }

        var run = mine.Counters.CoordinatorRuns;
        if (exists && (stored.Counters.CoordinatorRuns > run || (stored.State != JobState.Running && mine.State == JobState.Running)))
        {
            throw new JobSupersededException(job.JobId, new InconsistentStateException(
                $"stored coordinator run {stored.Counters.CoordinatorRuns} ({stored.State}); this is run {run}"));
        }

        LogTakenBack(job.Logger, job.JobId, run);
    }

    /// <summary>Adds what the current stage's ledger counted since the last fold to the stored counters.</summary>
    private void Fold()
    {
        if (_ledger is not { } l)
        {
            return;
        }

        var committed = l.Committed - l.Restored;
        var counters = job.Job.Counters;
        counters.TasksRetried += l.Retried - _folded.Retried;
        counters.DuplicatesDiscarded += l.Duplicates - _folded.Duplicates;
        counters.TasksCommitted += committed - _folded.Committed;
        _folded = (l.Retried, l.Duplicates, committed);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: its state could not be stored")]
    private static partial void LogJobNotStored(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: its progress could not be stored; the job goes on and tries again later")]
    private static partial void LogProgressNotStored(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: storing its state failed (try {Failures}); trying again")]
    private static partial void LogRetryingWrite(ILogger logger, Exception exception, string jobId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: a write was refused, but no newer coordinator holds the job; run {Run} takes it back")]
    private static partial void LogTakenBack(ILogger logger, string jobId, int run);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: another coordinator took over; this one stops")]
    private static partial void LogSuperseded(ILogger logger, Exception exception, string jobId);
}
