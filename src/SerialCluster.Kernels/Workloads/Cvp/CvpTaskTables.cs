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

    /// <summary>Parallel to the circuit's fan-in array: each wire's index in its task's local value array.</summary>
    public int[] LocalFanIn { get; }

    /// <summary>Where each needed value comes from: (previous-stage task ≪ 32) | bit, or the input index in stage 0.</summary>
    public long[] NeedSource { get; }

    /// <summary>Per global task, its range in <see cref="NeedSource"/>.</summary>
    public int[] NeedStart { get; }

    public long[] PassSource { get; }

    public int[] PassStart { get; }

    /// <summary>Gates (offsets within their task) whose values leave the task.</summary>
    public int[] LiveGate { get; }

    public int[] LiveStart { get; }

    /// <summary>Where each output's value is in the last stage's outputs: (task ≪ 32) | bit.</summary>
    public long[] OutputSource { get; }

    public static CvpTaskTables Build(CvpStaging staging)
    {
        var circuit = staging.Circuit;
        var (definedIn, lastReadIn) = staging.Lifetimes();
        var inputCount = circuit.InputCount;
        var first = circuit.First;
        var fanIn = circuit.FanIn;
        var tasks = staging.TotalTasks;

        var localFanIn = new int[fanIn.Length];
        var needSource = new List<long>(fanIn.Length);
        var passSource = new List<long>();
        var liveGate = new List<int>(circuit.GateCount);
        var needStart = new int[tasks + 1];
        var passStart = new int[tasks + 1];
        var liveStart = new int[tasks + 1];

        // position[v]: where v sits in the current frame; stage 0 reads inputs straight from the input vector.
        var position = new long[circuit.SignalCount];
        var frame = new List<int>();
        for (var v = 0; v < inputCount; v++)
        {
            position[v] = v;
            frame.Add(v);
        }

        var markedBy = new int[circuit.SignalCount];
        var local = new int[circuit.SignalCount];
        var carried = new List<int>();
        var nextFrame = new List<int>();
        var nextPosition = new List<(int Signal, long Position)>();
        for (var stage = 0; stage < staging.StageCount; stage++)
        {
            carried.Clear();
            foreach (var v in frame)
            {
                if (lastReadIn[v] > stage)
                {
                    carried.Add(v);
                }
            }

            nextFrame.Clear();
            nextPosition.Clear();
            var taskCount = staging.TaskCount(stage);
            for (var task = 0; task < taskCount; task++)
            {
                var global = staging.GlobalTask(stage, task);
                var gateStart = staging.FirstGate(global);
                var gateEnd = staging.EndGate(global);

                // Need: distinct signals from earlier stages, in order of first reading.
                needStart[global] = needSource.Count;
                var needCount = 0;
                for (var j = first[gateStart]; j < first[gateEnd]; j++)
                {
                    var v = fanIn[j];
                    if (definedIn[v] < stage && markedBy[v] != global + 1)
                    {
                        markedBy[v] = global + 1;
                        local[v] = needCount++;
                        needSource.Add(position[v]);
                    }
                }

                for (var j = first[gateStart]; j < first[gateEnd]; j++)
                {
                    var v = fanIn[j];
                    localFanIn[j] = definedIn[v] < stage ? local[v] : needCount + (v - inputCount - gateStart);
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
                    nextPosition.Add((v, ((long)task << 32) | (uint)bit++));
                }

                liveStart[global] = liveGate.Count;
                for (var g = gateStart; g < gateEnd; g++)
                {
                    var v = inputCount + g;
                    if (lastReadIn[v] > stage)
                    {
                        liveGate.Add(g - gateStart);
                        nextFrame.Add(v);
                        nextPosition.Add((v, ((long)task << 32) | (uint)bit++));
                    }
                }
            }

            // Only now may positions move to the new frame: this stage's gathers read the old ones.
            foreach (var (signal, at) in nextPosition)
            {
                position[signal] = at;
            }

            (frame, nextFrame) = (nextFrame, frame);
        }

        needStart[tasks] = needSource.Count;
        passStart[tasks] = passSource.Count;
        liveStart[tasks] = liveGate.Count;
        var outputSource = new long[circuit.Outputs.Length];
        for (var i = 0; i < outputSource.Length; i++)
        {
            outputSource[i] = position[circuit.Outputs[i]];
        }

        return new CvpTaskTables(localFanIn, [.. needSource], needStart, [.. passSource], passStart, [.. liveGate], liveStart, outputSource);
    }
}
