using Microsoft.Extensions.Logging;
using Orleans.Storage;
using SerialCluster.Grains.Reliability;

namespace SerialCluster.Grains.Jobs;

/// <summary>
/// Stores a running job's progress: at a chain stage's end, and otherwise (task results, stepped stages' ends) only
/// when the write is due under the 1% rule (<see cref="SaveIfDueAsync"/>). Folds the current stage's ledger counts into
/// the stored counters. A write refused by the storage's ETag check means another coordinator took the job over.
/// </summary>
internal sealed partial class ProgressWriter(JobContext job)
{
    /// <summary>Committed compute per second of progress writing, at least (see <see cref="SaveIfDueAsync"/>).</summary>
    public const double SaveCostRatio = 100;

    /// <summary>
    /// What storing one committed task result is assumed to cost at least, before a write has measured it: each result
    /// is written as text and copied by the storage, so a stage's first write is held to the 1% rule too, and a million
    /// one-sample tasks are not stored as a seconds-long write.
    /// </summary>
    public static readonly TimeSpan WriteCostPerResult = TimeSpan.FromMicroseconds(1);

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

    /// <summary>Stores the progress now; a refused write means another coordinator took over, and this run stops.</summary>
    public async Task SaveAsync()
    {
        Fold();
        if (_ledger is { } ledger && job.Job.Progress is { } progress)
        {
            progress.Committed = ledger.ToStored();
        }

        try
        {
            var writing = job.Time.GetTimestamp();
            await job.Record.WriteStateAsync();
            _lastSaveSeconds = job.Time.GetElapsedTime(writing).TotalSeconds;
            _ledger?.TakeUnsaved();
            _workSinceSave = 0;
            _lastSave = job.Time.GetTimestamp();
        }
        catch (InconsistentStateException e)
        {
            throw new JobSupersededException(job.JobId, e);
        }
    }

    /// <summary>Stores the committed task results when the write interval has passed since the last write.</summary>
    /// <remarks>
    /// Also only when the compute committed since then is at least <see cref="SaveCostRatio"/> times what that write
    /// took, as chain checkpoints do, so storing progress never costs more than 1% of the work it protects. An unmeasured
    /// write is assumed to cost <see cref="WriteCostPerResult"/> per result it holds.
    /// </remarks>
    public Task SaveIfDueAsync()
    {
        var results = (_ledger?.Committed ?? 0) + (job.Job.Progress?.Previous.Count ?? 0);
        var writeCost = Math.Max(_lastSaveSeconds, results * WriteCostPerResult.TotalSeconds);
        return job.Time.GetElapsedTime(_lastSave) >= job.Options.Reliability.ProgressWriteInterval
            && _workSinceSave + (_ledger?.UnsavedSeconds ?? 0) >= SaveCostRatio * writeCost
            ? SaveAsync()
            : Task.CompletedTask;
    }

    /// <summary>Stores the progress if it can; a failure is logged, never thrown.</summary>
    public async Task SaveQuietlyAsync()
    {
        try
        {
            await SaveAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogJobNotStored(job.Logger, e, job.JobId);
        }
    }

    /// <summary>Stores the finished job; if storage refuses, the result is still served from memory and the failure logged. False when superseded.</summary>
    public async Task<bool> PersistFinishedAsync()
    {
        try
        {
            Fold();
            await job.Record.WriteStateAsync();
            return true;
        }
        catch (InconsistentStateException e)
        {
            LogSuperseded(job.Logger, e, job.JobId);
            return false;
        }
        catch (Exception e)
        {
            LogJobNotStored(job.Logger, e, job.JobId);
            return true;
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: another coordinator took over; this one stops")]
    private static partial void LogSuperseded(ILogger logger, Exception exception, string jobId);
}
