using SerialCluster.Abstractions.Execution;

namespace SerialCluster.Grains.Reliability;

/// <summary>
/// A stage's task results by task id: each is committed exactly once; a second result for the same task (a retry
/// that raced a late original) is discarded and counted. Starts from the results a previous coordinator stored, so
/// a resumed stage runs only the tasks that were not committed.
/// </summary>
public sealed class TaskLedger
{
    private readonly byte[]?[] _outputs;
    private readonly List<CommittedTask> _committed;

    public TaskLedger(int tasks, IEnumerable<CommittedTask>? stored = null)
    {
        _outputs = new byte[tasks][];
        _committed = [];
        foreach (var task in stored ?? [])
        {
            if (task.Task >= 0 && task.Task < tasks && _outputs[task.Task] is null)
            {
                _outputs[task.Task] = task.Output;
                _committed.Add(task);
            }
        }

        Restored = _committed.Count;
    }

    /// <summary>Results that came from storage (committed by an earlier coordinator).</summary>
    public int Restored { get; }

    public int Committed => _committed.Count;

    public int Duplicates { get; private set; }

    /// <summary>Tasks sent again after their silo was lost or their call failed transiently.</summary>
    public int Retried { get; set; }

    /// <summary>Commits since the last <see cref="TakeUnsaved"/>.</summary>
    public int Unsaved { get; private set; }

    public IReadOnlyList<CommittedTask> All => _committed;

    public bool IsCommitted(int task) => _outputs[task] is not null;

    public byte[]? Output(int task) => _outputs[task];

    /// <summary>Commits a task's result; false (and counted) when that task was committed already.</summary>
    public bool Commit(int task, StageTaskOutcome outcome)
    {
        if (_outputs[task] is not null)
        {
            Duplicates++;
            return false;
        }

        _outputs[task] = outcome.Output;
        _committed.Add(new CommittedTask { Task = task, Output = outcome.Output, Seconds = outcome.Seconds, Silo = outcome.Silo });
        Unsaved++;
        return true;
    }

    /// <summary>Marks everything committed so far as stored.</summary>
    public void TakeUnsaved() => Unsaved = 0;

    /// <summary>The stage's outputs in task order; tasks from <paramref name="cut"/> on (cut by speculation) are empty.</summary>
    public byte[][] Outputs(int cut) => [.. _outputs.Select((o, task) => task < cut ? o ?? [] : [])];
}
