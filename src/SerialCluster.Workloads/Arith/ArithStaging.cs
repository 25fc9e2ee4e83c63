using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Arith;

/// <summary>
/// Cuts a levelized circuit into stages, as cvp does: a level of w gates gets t = min(tasks, ⌊w / grain⌋) tasks over
/// contiguous gate ranges; t ≥ 2 makes it a stage of its own, and runs of levels with t &lt; 2 make one single-task
/// stage (a serial stretch gains nothing from a barrier per level). A circuit with no gate has one empty stage.
/// </summary>
internal sealed class ArithStaging
{
    private readonly int[] _stageTaskStart;
    private readonly int[] _taskGateStart;

    private ArithStaging(List<int> stageTaskStart, List<int> taskGateStart, List<StageSpec> specs)
    {
        _stageTaskStart = [.. stageTaskStart];
        _taskGateStart = [.. taskGateStart];
        Specs = specs;
    }

    public IReadOnlyList<StageSpec> Specs { get; }

    public int StageCount => Specs.Count;

    public int TotalTasks => _taskGateStart.Length - 1;

    public int TaskCount(int stage) => _stageTaskStart[stage + 1] - _stageTaskStart[stage];

    /// <summary>Index of a task among all tasks, in stage then task order.</summary>
    public int GlobalTask(int stage, int task) => _stageTaskStart[stage] + task;

    public int FirstGate(int globalTask) => _taskGateStart[globalTask];

    public int EndGate(int globalTask) => _taskGateStart[globalTask + 1];

    /// <summary>The task of <paramref name="stage"/> whose range holds <paramref name="gate"/> (a gate of that stage).</summary>
    public int TaskOfGate(int stage, int gate)
    {
        int low = _stageTaskStart[stage], high = _stageTaskStart[stage + 1] - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_taskGateStart[middle] <= gate)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low - _stageTaskStart[stage];
    }

    public static ArithStaging Create(ArithCircuit circuit, int maxTasks, int grain)
    {
        var stageTaskStart = new List<int> { 0 };
        var taskGateStart = new List<int> { 0 };
        var specs = new List<StageSpec>();
        if (circuit.Depth == 0)
        {
            specs.Add(StageSpec.Parallel("outputs", 1, 0, 0));
            stageTaskStart.Add(1);
            taskGateStart.Add(0);
            return new ArithStaging(stageTaskStart, taskGateStart, specs);
        }

        var level = 1;
        while (level <= circuit.Depth)
        {
            var start = circuit.LevelStart[level - 1];
            var width = circuit.LevelWidth(level);
            var tasks = TasksFor(width, maxTasks, grain);
            if (tasks >= 2)
            {
                long largest = 0;
                for (var t = 1; t <= tasks; t++)
                {
                    var end = start + (int)((long)width * t / tasks);
                    largest = Math.Max(largest, end - taskGateStart[^1]);
                    taskGateStart.Add(end);
                }

                specs.Add(StageSpec.Parallel($"level {level}", tasks, width, largest));
                level++;
            }
            else
            {
                var last = level;
                while (last < circuit.Depth && TasksFor(circuit.LevelWidth(last + 1), maxTasks, grain) < 2)
                {
                    last++;
                }

                var end = circuit.LevelStart[last];
                taskGateStart.Add(end);
                specs.Add(StageSpec.Parallel(last == level ? $"level {level}" : $"levels {level}-{last}", 1, end - start, end - start));
                level = last + 1;
            }

            stageTaskStart.Add(taskGateStart.Count - 1);
        }

        return new ArithStaging(stageTaskStart, taskGateStart, specs);
    }

    private static int TasksFor(int width, int maxTasks, int grain) => Math.Min(maxTasks, width / grain);
}
