using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Cuts a levelized circuit into stages. A level of w gates gets t = min(tasks, ⌊w / grain⌋) tasks; a level with t ≥ 2 is a stage of t contiguous gate
/// ranges, and consecutive levels with t &lt; 2 form one single-task stage (a serial stretch gains nothing from a barrier per level). If the values
/// carried across barriers would grow too large, grain doubles until they fit: fewer, wider stages.
/// </summary>
internal sealed class CvpStaging
{
    private readonly int[] _stageTaskStart;
    private readonly int[] _taskGateStart;

    private CvpStaging(Netlist circuit, List<int> stageTaskStart, List<int> taskGateStart, List<StageSpec> specs, int grain)
    {
        Circuit = circuit;
        _stageTaskStart = [.. stageTaskStart];
        _taskGateStart = [.. taskGateStart];
        Specs = specs;
        Grain = grain;
    }

    public Netlist Circuit { get; }

    public IReadOnlyList<StageSpec> Specs { get; }

    /// <summary>The grain the stages were cut with (larger than asked for when carried values had to be bounded).</summary>
    public int Grain { get; }

    public int StageCount => Specs.Count;

    public int TotalTasks => _taskGateStart.Length - 1;

    public int TaskCount(int stage) => _stageTaskStart[stage + 1] - _stageTaskStart[stage];

    /// <summary>Index of a task among all tasks of all stages, in stage then task order.</summary>
    public int GlobalTask(int stage, int task) => _stageTaskStart[stage] + task;

    public int FirstGate(int globalTask) => _taskGateStart[globalTask];

    public int EndGate(int globalTask) => _taskGateStart[globalTask + 1];

    public static CvpStaging Create(Netlist circuit, int maxTasks, int grain)
    {
        // Budget for values carried across barriers, in signal-stages; the whole-circuit wire count bounds the rest.
        var budget = (4L * ((long)circuit.SignalCount + circuit.WireCount)) + (1L << 20);
        while (true)
        {
            var staging = Cut(circuit, maxTasks, grain);
            if (grain >= circuit.GateCount || staging.CarriedEntries() <= budget)
            {
                return staging;
            }

            grain = (int)Math.Min(int.MaxValue, 2L * grain);
        }
    }

    private static CvpStaging Cut(Netlist circuit, int maxTasks, int grain)
    {
        var stageTaskStart = new List<int> { 0 };
        var taskGateStart = new List<int> { 0 };
        var specs = new List<StageSpec>();
        var depth = circuit.Depth;
        if (depth == 0)
        {
            specs.Add(StageSpec.Parallel("outputs", 1, 0, 0));
            stageTaskStart.Add(1);
            taskGateStart.Add(0);
            return new CvpStaging(circuit, stageTaskStart, taskGateStart, specs, grain);
        }

        var level = 1;
        while (level <= depth)
        {
            var start = circuit.LevelStart(level);
            var tasks = TasksFor(circuit.LevelWidth(level), maxTasks, grain);
            if (tasks >= 2)
            {
                var width = circuit.LevelWidth(level);
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
                while (last < depth && TasksFor(circuit.LevelWidth(last + 1), maxTasks, grain) < 2)
                {
                    last++;
                }

                var end = circuit.LevelStart(last + 1);
                taskGateStart.Add(end);
                var name = last == level ? $"level {level}" : $"levels {level}-{last}";
                specs.Add(StageSpec.Parallel(name, 1, end - start, end - start));
                level = last + 1;
            }

            stageTaskStart.Add(taskGateStart.Count - 1);
        }

        return new CvpStaging(circuit, stageTaskStart, taskGateStart, specs, grain);
    }

    private static int TasksFor(int width, int maxTasks, int grain) => (int)Math.Min(maxTasks, width / grain);

    /// <summary>Σ over signals of the stages they must be carried through without being made or read there.</summary>
    private long CarriedEntries()
    {
        var groups = Circuit.LastReadGroups;
        var stageOf = StageOfLevel();
        long total = 0;
        for (var level = 0; level < groups.Length; level++)
        {
            var made = stageOf[level];
            foreach (var (last, count) in groups[level])
            {
                total += count * Math.Max(0, stageOf[last] - made - 1);
            }
        }

        return total;
    }

    /// <summary>
    /// Per signal, the last stage that reads it: StageCount for outputs, −2 for a signal nobody reads. From the
    /// circuit's last reading levels, so no pass over the wires per staging.
    /// </summary>
    public int[] LastReadIn()
    {
        var lastRead = Circuit.LastReadLevel;
        var stageOf = StageOfLevel();
        var lastReadIn = new int[lastRead.Length];
        for (var v = 0; v < lastRead.Length; v++)
        {
            lastReadIn[v] = lastRead[v] < 0 ? -2 : stageOf[lastRead[v]];
        }

        return lastReadIn;
    }

    /// <summary>The stage of each level: −1 for level 0 (the inputs), StageCount for Depth + 1 (where outputs are read).</summary>
    private int[] StageOfLevel()
    {
        var circuit = Circuit;
        var stageOf = new int[circuit.Depth + 2];
        stageOf[0] = -1;
        var stage = 0;
        for (var level = 1; level <= circuit.Depth; level++)
        {
            // A stage is one level or a run of whole levels: the level's first gate tells which.
            while (circuit.LevelStart(level) >= _taskGateStart[_stageTaskStart[stage + 1]])
            {
                stage++;
            }

            stageOf[level] = stage;
        }

        stageOf[circuit.Depth + 1] = StageCount;
        return stageOf;
    }
}
