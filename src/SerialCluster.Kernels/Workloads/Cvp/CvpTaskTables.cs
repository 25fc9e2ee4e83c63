using System.Runtime.InteropServices;

namespace SerialCluster.Kernels.Workloads.Cvp;

/// <summary>
/// What each task reads and writes, so task inputs carry only the values they need. Between stages s−1 and s the
/// job's state is the frame F(s−1): the values of every signal made by stage s−1 or earlier that someone reads
/// after stage s−1 (or that is an output), laid out as the concatenation of stage s−1's task outputs. Task k of
/// stage s receives (1) the values of the signals its gates read from earlier stages ("need"), and (2) its slice of
/// the signals of F(s−1) that are still read after stage s ("pass": carried through untouched); it returns the pass
/// slice followed by those of its own gates that are read later or are outputs ("live"). So a barrier moves about
/// the circuit's cut width in bits, not the n/8 bytes of every value so far; the price is these tables, built once
/// per silo, and a few bit copies per carried value.
/// Bits are packed least significant first after a 4-byte little-endian header: the largest level of a gate whose
/// value is 1 seen so far (0 for none), which the dual-rail result reports as depthOfOnes.
/// </summary>
internal sealed class CvpTaskTables
{
    public const int HeaderBytes = 4;

    private CvpTaskTables(
        int[] localFanIn, long[] needSource, int[] needStart, long[] passSource, int[] passStart, int[] liveGate, int[] liveStart, long[] outputSource)
    {
        LocalFanIn = localFanIn;
        NeedSource = needSource;
        NeedStart = needStart;
        PassSource = passSource;
        PassStart = passStart;
        LiveGate = liveGate;
        LiveStart = liveStart;
        OutputSource = outputSource;
    }

    /// <summary>
    /// Parallel to the circuit's fan-in array: each wire's index in its task's local value array, which holds the
    /// task's own gates first (gate g at g − the task's first gate) and then its needed values.
    /// </summary>
    public int[] LocalFanIn { get; }

    /// <summary>
    /// Where each needed value comes from: (previous-stage task ≪ 32) | bit, or the input index in stage 0. Sized for
    /// one entry per wire; <see cref="NeedStart"/> bounds the part in use.
    /// </summary>
    public long[] NeedSource { get; }

    /// <summary>Per global task, its range in <see cref="NeedSource"/>.</summary>
    public int[] NeedStart { get; }

    public long[] PassSource { get; }

    public int[] PassStart { get; }

    /// <summary>Gates (offsets within their task) whose values leave the task; <see cref="LiveStart"/> bounds the part in use.</summary>
    public int[] LiveGate { get; }

    public int[] LiveStart { get; }

    /// <summary>Where each output's value is in the last stage's outputs: (task ≪ 32) | bit.</summary>
    public long[] OutputSource { get; }

    /// <summary>
    /// Builds the tables in one pass over the wires per stage, from each signal's last reading stage. Arrays sized for
    /// the worst case instead of growing lists (need: one entry per wire at most; live: one per gate), positions in
    /// two arrays swapped per stage instead of a list of moves: the build is setup every silo pays once per job.
    /// </summary>
    public static CvpTaskTables Build(CvpStaging staging, int[] lastReadIn)
    {
        var circuit = staging.Circuit;
        var inputCount = circuit.InputCount;
        var first = circuit.First;
        var fanIn = circuit.FanIn;
        var tasks = staging.TotalTasks;

        var localFanIn = new int[fanIn.Length];
        var needSource = new long[fanIn.Length];
        var passSource = new List<long>();
        var liveGate = new int[circuit.GateCount];
        var needStart = new int[tasks + 1];
        var passStart = new int[tasks + 1];
        var liveStart = new int[tasks + 1];
        int needs = 0, lives = 0;

        // position[v]: where v sits in the current frame (stage 0 reads inputs straight from the input vector);
        // moved[v]: where it sits in the next one. Only signals of a frame are ever read, so swapping the two arrays
        // after each stage moves every position at once, and this stage's gathers still read the old ones.
        var position = new long[circuit.SignalCount];
        var moved = new long[circuit.SignalCount];
        var frame = new List<int>(inputCount);
        for (var v = 0; v < inputCount; v++)
        {
            position[v] = v;
            frame.Add(v);
        }

        var markedBy = new int[circuit.SignalCount];
        var local = new int[circuit.SignalCount];
        var carried = new List<int>();
        var nextFrame = new List<int>();
        for (var stage = 0; stage < staging.StageCount; stage++)
        {
            carried.Clear();
            foreach (var v in CollectionsMarshal.AsSpan(frame))
            {
                if (lastReadIn[v] > stage)
                {
                    carried.Add(v);
                }
            }

            nextFrame.Clear();
            var taskCount = staging.TaskCount(stage);
            for (var task = 0; task < taskCount; task++)
            {
                var global = staging.GlobalTask(stage, task);
                var gateStart = staging.FirstGate(global);
                var gateEnd = staging.EndGate(global);
                var gates = gateEnd - gateStart;
                var ownFrom = inputCount + gateStart;

                // A task's values: its own gates first, then the distinct signals it reads from earlier stages
                // ("need", in order of first reading). A stage is one level or a run of levels in one task, so a
                // signal below the task's first gate was made by an earlier stage.
                needStart[global] = needs;
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
                        needSource[needs++] = position[v];
                    }

                    localFanIn[j] = gates + local[v];
                }

                // Pass: this task's slice of the carried values; then live: its own gates read later.
                var bit = 0;
                passStart[global] = passSource.Count;
                var sliceStart = (int)((long)carried.Count * task / taskCount);
                var sliceEnd = (int)((long)carried.Count * (task + 1) / taskCount);
                for (var i = sliceStart; i < sliceEnd; i++)
                {
                    var v = carried[i];
                    passSource.Add(position[v]);
                    nextFrame.Add(v);
                    moved[v] = ((long)task << 32) | (uint)bit++;
                }

                liveStart[global] = lives;
                for (var g = gateStart; g < gateEnd; g++)
                {
                    var v = inputCount + g;
                    if (lastReadIn[v] > stage)
                    {
                        liveGate[lives++] = g - gateStart;
                        nextFrame.Add(v);
                        moved[v] = ((long)task << 32) | (uint)bit++;
                    }
                }
            }

            (position, moved) = (moved, position);
            (frame, nextFrame) = (nextFrame, frame);
        }

        needStart[tasks] = needs;
        passStart[tasks] = passSource.Count;
        liveStart[tasks] = lives;
        var outputSource = new long[circuit.Outputs.Length];
        for (var i = 0; i < outputSource.Length; i++)
        {
            outputSource[i] = position[circuit.Outputs[i]];
        }

        return new CvpTaskTables(localFanIn, needSource, needStart, [.. passSource], passStart, liveGate, liveStart, outputSource);
    }
}
