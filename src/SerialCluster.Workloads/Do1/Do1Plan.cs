using System.Buffers.Binary;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Cvp;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Do1;

/// <summary>
/// Two wide stages. <c>evaluate</c>: one task per instance evaluates the whole monotone circuit (the exact agent's serial chain of depth D,
/// and the referee's values). <c>agents</c>: the agents of depth d = 0 … D, independent, grouped into <c>tasks</c> contiguous runs of d; each
/// agent evaluates its own d − 1 levels and plays every (instance, output) episode against the referee (<see cref="Do1Game"/>).
/// </summary>
public sealed class Do1Plan : WorkloadPlan
{
    private const int HeaderBytes = 4;

    /// <summary>An agent task's output starts with the exact agent's wins and the largest depth of ones over the instances.</summary>
    private const int AgentHeaderBytes = 16;

    private readonly Do1Circuit _circuit;
    private readonly int _agentTasks;
    private readonly bool _coin;
    private readonly ulong _seed;

    internal Do1Plan(ParameterValues parameters, Do1Circuit circuit, int agentTasks)
        : base(parameters, Do1Workload.UnitName, StagesFor(circuit, agentTasks))
    {
        _circuit = circuit;
        _agentTasks = agentTasks;
        _coin = parameters.GetString("guess") == "coin";
        _seed = (ulong)parameters.GetInteger("seed");
    }

    /// <summary>The compiled game.</summary>
    public Do1Circuit Circuit => _circuit;

    private int Depth => _circuit.Monotone.Depth;

    private int ValueBytes => PackedBits.ByteCount(_circuit.Monotone.SignalCount);

    public override long TaskUnits(int stage, int task) => stage == 0
        ? Math.Max(1, _circuit.Monotone.GateCount)
        : AgentUnits(_circuit, FirstAgent(task, _agentTasks, Depth), FirstAgent(task + 1, _agentTasks, Depth));

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        if (stage == 0)
        {
            return _circuit.Instances[task];
        }

        // Every agent plays every instance, so each agent task receives all of the referee's values.
        var input = new byte[previousOutputs.Count * (HeaderBytes + ValueBytes)];
        var offset = 0;
        foreach (var output in previousOutputs)
        {
            output.CopyTo(input, offset);
            offset += output.Length;
        }

        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var netlist = _circuit.Monotone;
        if (stage == 0)
        {
            var values = netlist.Evaluate(input);
            var output = new byte[HeaderBytes + ValueBytes];
            BinaryPrimitives.WriteInt32LittleEndian(output, CvpPlan.HighestOne(netlist, values.AsSpan(netlist.InputCount), 0));
            for (var signal = 0; signal < values.Length; signal++)
            {
                PackedBits.Set(output, HeaderBytes, signal, values[signal]);
            }

            return output;
        }

        var first = FirstAgent(task, _agentTasks, Depth);
        var end = FirstAgent(task + 1, _agentTasks, Depth);
        // The exact agent's wins (outputs of value 1) and the depth of ones, then the episodes each agent of this task lost.
        var lost = new byte[AgentHeaderBytes + ((end - first) * 8)];
        var truth = new byte[netlist.SignalCount];
        long wins = 0, highestOne = 0;
        for (var instance = 0; instance < _circuit.Instances.Length; instance++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = instance * (HeaderBytes + ValueBytes);
            highestOne = Math.Max(highestOne, BinaryPrimitives.ReadInt32LittleEndian(input.AsSpan(offset)));
            PackedBits.Unpack(input, offset + HeaderBytes, truth);
            foreach (var output in netlist.Outputs)
            {
                wins += truth[output];
            }

            for (var depth = first; depth < end; depth++)
            {
                var count = Do1Game.LostEpisodes(_circuit, depth, _circuit.Instances[instance], truth, _coin, _seed);
                var at = lost.AsSpan(AgentHeaderBytes + ((depth - first) * 8));
                BinaryPrimitives.WriteInt64LittleEndian(at, BinaryPrimitives.ReadInt64LittleEndian(at) + count);
            }
        }

        BinaryPrimitives.WriteInt64LittleEndian(lost, wins);
        BinaryPrimitives.WriteInt64LittleEndian(lost.AsSpan(8), highestOne);
        return lost;
    }

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var netlist = _circuit.Monotone;
        var episodes = (long)_circuit.Instances.Length * netlist.Outputs.Length;
        var counts = new List<long>(Depth + 1);
        foreach (var output in lastStageOutputs)
        {
            for (var at = AgentHeaderBytes; at < output.Length; at += 8)
            {
                counts.Add(BinaryPrimitives.ReadInt64LittleEndian(output.AsSpan(at)));
            }
        }

        var regretFree = counts.Count;
        while (regretFree > 0 && counts[regretFree - 1] == 0)
        {
            regretFree--;
        }

        return new JsonObject
        {
            ["depth"] = Depth,
            ["gates"] = netlist.GateCount,
            ["originalGates"] = _circuit.OriginalGates,
            ["originalDepth"] = _circuit.OriginalDepth,
            ["instances"] = _circuit.Instances.Length,
            ["episodes"] = episodes,
            ["optimalReturn"] = (double)BinaryPrimitives.ReadInt64LittleEndian(lastStageOutputs[0]) / episodes,
            ["depthOfOnes"] = BinaryPrimitives.ReadInt64LittleEndian(lastStageOutputs[0].AsSpan(8)),
            ["regret"] = new JsonArray([.. counts.Select(c => (JsonNode?)JsonValue.Create((double)c / episodes))]),
            ["lostEpisodes"] = new JsonArray([.. counts.Select(c => (JsonNode?)JsonValue.Create(c))]),
            ["regretFreeFrom"] = regretFree,
        };
    }

    /// <summary>Agent d of the D + 1 goes to task ⌊d·tasks / (D + 1)⌋: task t runs agents [FirstAgent(t), FirstAgent(t + 1)).</summary>
    internal static int FirstAgent(int task, int tasks, int depth) => (int)((long)(depth + 1) * task / tasks);

    private static long AgentUnits(Do1Circuit circuit, int first, int end)
    {
        long units = 0;
        for (var depth = first; depth < end; depth++)
        {
            units += circuit.GatesBelow(depth) + circuit.MovesPerInstance;
        }

        return units * circuit.Instances.Length;
    }

    private static StageSpec[] StagesFor(Do1Circuit circuit, int agentTasks)
    {
        var instances = circuit.Instances.Length;
        var gates = Math.Max(1, circuit.Monotone.GateCount);
        var depth = circuit.Monotone.Depth;
        long largest = 0;
        for (var task = 0; task < agentTasks; task++)
        {
            largest = Math.Max(largest, AgentUnits(circuit, FirstAgent(task, agentTasks, depth), FirstAgent(task + 1, agentTasks, depth)));
        }

        return
        [
            StageSpec.Parallel("evaluate", instances, (long)instances * gates, gates),
            StageSpec.Parallel("agents", agentTasks, AgentUnits(circuit, 0, depth + 1), largest),
        ];
    }
}
