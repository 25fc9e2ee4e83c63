using SerialCluster.Abstractions.Execution;

namespace SerialCluster.Grains.Reliability;

/// <summary>
/// A stage's task results by task id: each is committed exactly once; a second result for the same task (a retry
/// that raced a late original) is discarded and counted. Starts from the results a previous coordinator stored, so
/// a resumed stage runs only the tasks that were not committed. Held column-wise (an output reference, 8 bytes of
/// seconds and a 2-byte silo index per task), so a stage's bookkeeping stays small beside its results.
/// </summary>
public sealed class TaskLedger
{
    // Null until a task is committed; at the end of the stage, completed in place and handed out (TakeOutputs).
    private readonly byte[][] _outputs;
    private readonly double[] _seconds;
    private readonly ushort[] _silos;
    private readonly List<string> _siloNames = [];
    private readonly Dictionary<string, ushort> _siloIndex = new(StringComparer.Ordinal);
    private bool _taken;

    public TaskLedger(int tasks, CommittedTasks? stored = null)
    {
        _outputs = new byte[tasks][];
        _seconds = new double[tasks];
        _silos = new ushort[tasks];
        stored ??= new CommittedTasks();
        for (var i = 0; i < stored.Count; i++)
        {
            var task = stored.Tasks[i];
            if (task >= 0 && task < tasks && _outputs[task] is null && i < stored.Outputs.Length && stored.Outputs[i] is { } output)
            {
                var silo = i < stored.Silos.Length && stored.Silos[i] < stored.SiloNames.Length ? stored.SiloNames[stored.Silos[i]] : string.Empty;
                Set(task, output, i < stored.Seconds.Length ? stored.Seconds[i] : 0, silo);
            }
        }

        Restored = Committed;
    }

    /// <summary>Results that came from storage (committed by an earlier coordinator).</summary>
    public int Restored { get; }

    public int Committed { get; private set; }

    public int Duplicates { get; private set; }

    /// <summary>Tasks sent again after their silo was lost or their call failed transiently.</summary>
    public int Retried { get; set; }

    /// <summary>Commits since the last <see cref="TakeUnsaved"/>.</summary>
    public int Unsaved { get; private set; }

    /// <summary>Compute seconds of the commits since the last <see cref="TakeUnsaved"/>.</summary>
    public double UnsavedSeconds { get; private set; }

    /// <summary>Every committed task, in task order: its id, compute seconds and silo.</summary>
    public IEnumerable<(int Task, double Seconds, string Silo)> All
    {
        get
        {
            for (var task = 0; task < _outputs.Length; task++)
            {
                if (_outputs[task] is not null)
                {
                    yield return (task, _seconds[task], _siloNames[_silos[task]]);
                }
            }
        }
    }

    public bool IsCommitted(int task) => _outputs[task] is not null;

    public byte[]? Output(int task) => _outputs[task];

    /// <summary>Commits a task's result; false (and counted) when that task was committed already.</summary>
    public bool Commit(int task, StageTaskOutcome outcome) => Commit(task, outcome.Output, outcome.Seconds, outcome.Silo);

    /// <summary>Commits one task of a batch's answer (no object per task); false (and counted) when that task was committed already.</summary>
    public bool Commit(int task, byte[] output, double seconds, string silo)
    {
        if (_taken)
        {
            throw new InvalidOperationException("the stage's outputs were taken: no more commits");
        }

        if (_outputs[task] is not null)
        {
            Duplicates++;
            return false;
        }

        Set(task, output, seconds, silo);
        Unsaved++;
        UnsavedSeconds += seconds;
        return true;
    }

    /// <summary>Marks everything committed so far as stored.</summary>
    public void TakeUnsaved() => (Unsaved, UnsavedSeconds) = (0, 0);

    /// <summary>Everything committed, in the form a job's progress stores.</summary>
    public CommittedTasks ToStored()
    {
        if (_taken)
        {
            throw new InvalidOperationException("the stage's outputs were taken: the ledger no longer knows what was committed");
        }

        var stored = new CommittedTasks
        {
            Tasks = new int[Committed],
            Outputs = new byte[Committed][],
            Seconds = new double[Committed],
            Silos = new ushort[Committed],
            SiloNames = [.. _siloNames],
        };
        var row = 0;
        for (var task = 0; task < _outputs.Length && row < Committed; task++)
        {
            if (_outputs[task] is { } output)
            {
                stored.Tasks[row] = task;
                stored.Outputs[row] = output;
                stored.Seconds[row] = _seconds[task];
                stored.Silos[row] = _silos[task];
                row++;
            }
        }

        return stored;
    }

    /// <summary>
    /// The stage's outputs in task order, in the ledger's own array (no copy: at a million tasks each copy was 8 MB
    /// live beside the results): tasks from <paramref name="cut"/> on (cut by speculation) and any not committed are
    /// made empty. Call once, when the stage is done; the ledger then serves only its counters.
    /// </summary>
    public byte[][] TakeOutputs(int cut)
    {
        if (_taken)
        {
            throw new InvalidOperationException("the stage's outputs were taken already");
        }

        _taken = true;
        for (var task = 0; task < _outputs.Length; task++)
        {
            if (task >= cut || _outputs[task] is null)
            {
                _outputs[task] = [];
            }
        }

        return _outputs;
    }

    private void Set(int task, byte[] output, double seconds, string silo)
    {
        if (!_siloIndex.TryGetValue(silo, out var index))
        {
            if (_siloNames.Count > ushort.MaxValue)
            {
                throw new InvalidOperationException($"a stage ran on more than {ushort.MaxValue + 1} silos");
            }

            index = (ushort)_siloNames.Count;
            _siloNames.Add(silo);
            _siloIndex[silo] = index;
        }

        _outputs[task] = output;
        _seconds[task] = seconds;
        _silos[task] = index;
        Committed++;
    }
}
