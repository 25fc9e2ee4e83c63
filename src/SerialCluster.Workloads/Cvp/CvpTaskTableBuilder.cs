using System.Runtime.InteropServices;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// The build state of <see cref="CvpTaskTables"/> between stages: each signal's place in the current frame, the
/// frame itself. One pass over a stage's wires per stage, arrays sized for the worst case instead of growing lists
/// (need: one entry per wire at most; live: one per gate), positions in two arrays swapped per stage instead of a
/// list of moves.
/// </summary>
internal sealed class CvpTaskTableBuilder
{
    private readonly CvpTaskTables _tables;
    private readonly CvpStaging _staging;
    private readonly int[] _lastReadIn;
    private readonly int[] _markedBy;
    private readonly int[] _local;
    private List<int> _frame;
    private List<int> _nextFrame = [];
    private readonly List<int> _carried = [];
    private long[] _position;
    private long[] _moved;
    private int _needs;
    private int _passes;
    private int _lives;

    public CvpTaskTableBuilder(CvpTaskTables tables, CvpStaging staging)
    {
        _tables = tables;
        _staging = staging;
        var circuit = staging.Circuit;
        _lastReadIn = staging.LastReadIn();
        _markedBy = new int[circuit.SignalCount];
        _local = new int[circuit.SignalCount];
        tables.LocalFanIn = new int[circuit.WireCount];
        tables.NeedSource = new long[circuit.WireCount];
        tables.LiveGate = new int[circuit.GateCount];
        // position[v]: where v sits in the current frame (stage 0 reads inputs straight from the input vector);
        // moved[v]: where it sits in the next one. Only signals of a frame are ever read, so swapping the two
        // arrays after each stage moves every position at once, and a stage's gathers still read the old ones.
        _position = new long[circuit.SignalCount];
        _moved = new long[circuit.SignalCount];
        _frame = new List<int>(circuit.InputCount);
        for (var v = 0; v < circuit.InputCount; v++)
        {
            _position[v] = v;
            _frame.Add(v);
        }
    }

    public void Build(int stage)
    {
        var circuit = _staging.Circuit;
        var inputCount = circuit.InputCount;
        var first = circuit.First;
        var fanIn = circuit.FanIn;
        var localFanIn = _tables.LocalFanIn;
        var needSource = _tables.NeedSource;
        var liveGate = _tables.LiveGate;
        var (lastReadIn, markedBy, local, position, moved) = (_lastReadIn, _markedBy, _local, _position, _moved);

        _carried.Clear();
        foreach (var v in CollectionsMarshal.AsSpan(_frame))
        {
            if (lastReadIn[v] > stage)
            {
                _carried.Add(v);
            }
        }

        var passSource = _tables.PassSource;
        if (passSource.Length < _passes + _carried.Count)
        {
            // Readers of earlier stages may hold the old array: it keeps every entry they read.
            passSource = new long[Math.Max(_passes + _carried.Count, 2 * passSource.Length)];
            _tables.PassSource.AsSpan(0, _passes).CopyTo(passSource);
        }

        _nextFrame.Clear();
        var taskCount = _staging.TaskCount(stage);
        for (var task = 0; task < taskCount; task++)
        {
            var global = _staging.GlobalTask(stage, task);
            var gateStart = _staging.FirstGate(global);
            var gateEnd = _staging.EndGate(global);
            var gates = gateEnd - gateStart;
            var ownFrom = inputCount + gateStart;

            // A task's values: its own gates first, then the distinct signals it reads from earlier stages
            // ("need", in order of first reading). A stage is one level or a run of levels in one task, so a
            // signal below the task's first gate was made by an earlier stage.
            _tables.NeedStart[global] = _needs;
            var need = 0;
            var mark = global + 1;
            for (var j = first[gateStart]; j < first[gateEnd]; j++)
            {
                var v = fanIn[j];
                if (v >= ownFrom)
                {
                    localFanIn[j] = v - ownFrom;
                    continue;
                }

                if (markedBy[v] != mark)
                {
                    markedBy[v] = mark;
                    local[v] = need++;
                    needSource[_needs++] = position[v];
                }

                localFanIn[j] = gates + local[v];
            }

            // Pass: this task's slice of the carried values; then live: its own gates read later.
            var bit = 0;
            _tables.PassStart[global] = _passes;
            var sliceStart = (int)((long)_carried.Count * task / taskCount);
            var sliceEnd = (int)((long)_carried.Count * (task + 1) / taskCount);
            for (var i = sliceStart; i < sliceEnd; i++)
            {
                var v = _carried[i];
                passSource[_passes++] = position[v];
                _nextFrame.Add(v);
                moved[v] = ((long)task << 32) | (uint)bit++;
            }

            _tables.LiveStart[global] = _lives;
            for (var g = gateStart; g < gateEnd; g++)
            {
                var v = inputCount + g;
                if (lastReadIn[v] > stage)
                {
                    liveGate[_lives++] = g - gateStart;
                    _nextFrame.Add(v);
                    moved[v] = ((long)task << 32) | (uint)bit++;
                }
            }

            // Each task's ends, so a stage's last task is complete without the next stage built.
            _tables.NeedStart[global + 1] = _needs;
            _tables.PassStart[global + 1] = _passes;
            _tables.LiveStart[global + 1] = _lives;
        }

        _tables.PassSource = passSource;
        (_position, _moved) = (moved, position);
        (_frame, _nextFrame) = (_nextFrame, _frame);
    }

    /// <summary>Where each output is, once the last stage is built.</summary>
    public long[] OutputSources()
    {
        var outputs = _staging.Circuit.Outputs;
        var sources = new long[outputs.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = _position[outputs[i]];
        }

        return sources;
    }
}
