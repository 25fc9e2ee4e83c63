using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// One stage per level (or per run of narrow levels, see <see cref="CvpStaging"/>), each level's gates split into
/// tasks over contiguous ranges; task inputs carry only the values the task reads plus its share of the values
/// carried to later stages (see <see cref="CvpTaskTables"/>). Pinned mode evaluates every gate in one pass.
/// </summary>
public sealed class CvpPlan : WorkloadPlan
{
    private const int HeaderBytes = CvpTaskTables.HeaderBytes;

    private readonly CvpCircuit _job;
    private readonly CvpStaging _staging;
    private readonly CvpTaskTables _tables;

    internal CvpPlan(ParameterValues parameters, CvpCircuit job, CvpStaging staging)
        : base(parameters, "gate evaluations", staging.Specs)
    {
        _job = job;
        _staging = staging;
        // Gather tables, built stage by stage on first use (pinned mode never needs them), timed as the plan's build.
        _tables = new CvpTaskTables(staging, AddBuildTicks);
    }

    /// <summary>The compiled circuit and its input values.</summary>
    public CvpCircuit Circuit => _job;

    /// <summary>The grain the stages were cut with (see <see cref="CvpStaging"/>).</summary>
    public int Grain => _staging.Grain;

    public override long TaskUnits(int stage, int task)
    {
        var global = _staging.GlobalTask(stage, task);
        return _staging.EndGate(global) - _staging.FirstGate(global);
    }

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        var tables = _tables.BuildThrough(stage);
        var global = _staging.GlobalTask(stage, task);
        int needFrom = tables.NeedStart[global], needTo = tables.NeedStart[global + 1];
        int passFrom = tables.PassStart[global], passTo = tables.PassStart[global + 1];
        var input = new byte[HeaderBytes + PackedBits.ByteCount(needTo - needFrom + passTo - passFrom)];

        // Each previous output's header goes to exactly one task of this stage, so the stage's outputs together
        // hold the largest level of a 1 seen so far.
        var highest = 0;
        if (stage > 0)
        {
            var count = previousOutputs.Count;
            var taskCount = _staging.TaskCount(stage);
            var from = (int)((long)count * task / taskCount);
            var to = (int)((long)count * (task + 1) / taskCount);
            for (var i = from; i < to; i++)
            {
                highest = Math.Max(highest, BinaryPrimitives.ReadInt32LittleEndian(previousOutputs[i]));
            }
        }

        BinaryPrimitives.WriteInt32LittleEndian(input, highest);
        // The previous outputs as an array (they are one already, from the ledger or the runner): a gather of tens of
        // thousands of bits per task should not pay an interface call per bit.
        var outputs = stage == 0 ? null : previousOutputs as byte[][] ?? [.. previousOutputs];
        Gather(tables.NeedSource.AsSpan(needFrom, needTo - needFrom), outputs, input, 0);
        Gather(tables.PassSource.AsSpan(passFrom, passTo - passFrom), outputs, input, needTo - needFrom);
        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var tables = _tables.BuildThrough(stage);
        var circuit = _job.Evaluated;
        var global = _staging.GlobalTask(stage, task);
        var gateStart = _staging.FirstGate(global);
        var gateEnd = _staging.EndGate(global);
        var needCount = tables.NeedStart[global + 1] - tables.NeedStart[global];
        var passCount = tables.PassStart[global + 1] - tables.PassStart[global];
        int liveFrom = tables.LiveStart[global], liveTo = tables.LiveStart[global + 1];
        if (input.Length != HeaderBytes + PackedBits.ByteCount(needCount + passCount))
        {
            throw new ArgumentException($"Task {task} of stage {stage} expects {needCount + passCount} input bits.", nameof(input));
        }

        // The task's own gates first, then the values it reads from earlier stages (see CvpTaskTables.LocalFanIn).
        var gates = gateEnd - gateStart;
        var values = new byte[gates + needCount];
        PackedBits.Unpack(input, HeaderBytes, values.AsSpan(gates));
        GateEvaluator.Evaluate(circuit.First, tables.LocalFanIn, circuit.Codes, gateStart, gateEnd, values, 0);

        var output = new byte[HeaderBytes + PackedBits.ByteCount(passCount + liveTo - liveFrom)];
        var highest = Math.Max(BinaryPrimitives.ReadInt32LittleEndian(input), HighestOne(circuit, values.AsSpan(0, gates), gateStart));
        BinaryPrimitives.WriteInt32LittleEndian(output, highest);
        for (var i = 0; i < passCount; i++)
        {
            PackedBits.Set(output, HeaderBytes, i, PackedBits.Get(input, HeaderBytes, needCount + i));
        }

        PackedBits.PackGathered(values, tables.LiveGate.AsSpan(liveFrom, liveTo - liveFrom), output, HeaderBytes, passCount);
        return output;
    }

    /// <summary>Fewer tasks per layer (one and two per core, or as now) with the same or a 4× or 16× coarser grain.</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> CoarserSplits(int slots)
    {
        var tasks = Parameters.GetInteger("tasks");
        var grain = Parameters.GetInteger("grain");
        var splits = new List<IReadOnlyDictionary<string, string>>();
        foreach (var t in CoarserSplit.TaskCounts(tasks, slots, includeSelf: true))
        {
            foreach (var g in new[] { grain, 4 * grain, 16 * grain })
            {
                if (t != tasks || g != grain)
                {
                    splits.Add(CoarserSplit.Of(("tasks", t), ("grain", Math.Min(g, CvpWorkload.MaxCircuitCharacters))));
                }
            }
        }

        return splits;
    }

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var highest = 0;
        foreach (var output in lastStageOutputs)
        {
            highest = Math.Max(highest, BinaryPrimitives.ReadInt32LittleEndian(output));
        }

        var sources = _tables.BuildThrough(_staging.StageCount - 1).OutputSource;
        var bits = new StringBuilder(sources.Length);
        foreach (var source in sources)
        {
            bits.Append(PackedBits.Get(lastStageOutputs[(int)(source >> 32)], HeaderBytes, (int)(uint)source) == 1 ? '1' : '0');
        }

        return Result(bits.ToString(), highest);
    }

    public override IChainRun? CreateWholeChain() => new CvpWholeChain(_job);

    /// <summary>The gather tables of every stage: a pass over every wire, the largest part of a scattered job's setup.</summary>
    protected override void BuildTaskTables() => _tables.BuildThrough(_staging.StageCount - 1);

    public override JsonObject FinishWholeChain(byte[] output)
    {
        var count = _job.Evaluated.Outputs.Length;
        var bits = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            bits.Append(PackedBits.Get(output, HeaderBytes, i) == 1 ? '1' : '0');
        }

        return Result(bits.ToString(), BinaryPrimitives.ReadInt32LittleEndian(output));
    }

    /// <summary>The largest level among the gates from <paramref name="firstGate"/> on whose value is 1; 0 for none.</summary>
    internal static int HighestOne(Netlist circuit, ReadOnlySpan<byte> gateValues, int firstGate)
    {
        // Gates are sorted by level, so the last 1 is on the highest level that has one.
        var last = gateValues.LastIndexOfAnyExcept((byte)0);
        return last < 0 ? 0 : circuit.LevelOf(firstGate + last);
    }

    /// <summary>
    /// Sets bits firstBit, firstBit + 1, … of <paramref name="input"/> to the values at <paramref name="sources"/>: bits
    /// of the previous stage's outputs, or input values in stage 0 (<paramref name="outputs"/> null).
    /// </summary>
    private void Gather(ReadOnlySpan<long> sources, byte[][]? outputs, byte[] input, int firstBit)
    {
        var bit = firstBit;
        var values = _job.InputValues;
        foreach (var source in sources)
        {
            var value = outputs is null
                ? values[(int)source]
                : PackedBits.Get(outputs[(int)(source >> 32)], HeaderBytes, (int)(uint)source);
            PackedBits.Set(input, HeaderBytes, bit++, value);
        }
    }

    private JsonObject Result(string outputs, int highestOne)
    {
        var result = new JsonObject
        {
            ["outputs"] = outputs,
            ["gates"] = _job.Gates,
            ["depth"] = _job.Depth,
        };
        if (_job.DualRail)
        {
            result["depthOfOnes"] = highestOne;
            result["monotoneGates"] = _job.Evaluated.GateCount;
            result["monotoneDepth"] = _job.Evaluated.Depth;
        }

        return result;
    }
}
