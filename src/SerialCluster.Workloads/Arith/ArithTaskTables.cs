namespace SerialCluster.Workloads.Arith;

/// <summary>
/// What each task reads and each stage carries. A task's input: the values its gates read from outside its range
/// (<see cref="Reads"/>, leaves included, ascending), and for a stage's last task the values carried through the stage
/// (<see cref="Carry"/>: made earlier, read later or outputs). Its output: its gates' values, then (last task) the carried
/// ones. <see cref="LocalOperand"/> renumbers the circuit's operands into each task's local array: reads, then own gates.
/// </summary>
internal sealed class ArithTaskTables
{
    private ArithTaskTables(int[][] reads, int[][] carry, int[] localOperand)
    {
        Reads = reads;
        Carry = carry;
        LocalOperand = localOperand;
    }

    /// <summary>Per global task: the signals read from outside its range, ascending.</summary>
    public int[][] Reads { get; }

    /// <summary>Per stage: the gate signals made before it and read after it (outputs: read after the last), ascending.</summary>
    public int[][] Carry { get; }

    public int[] LocalOperand { get; }

    /// <summary>Values carried across barriers, in signal-stages: what <see cref="Carry"/> would hold, counted without building it.</summary>
    public static long CarriedEntries(ArithCircuit circuit, ArithStaging staging)
    {
        var (made, lastRead) = Lifetimes(circuit, staging);
        long entries = 0;
        for (var gate = 0; gate < made.Length; gate++)
        {
            entries += Math.Max(0, Math.Min(lastRead[gate], staging.StageCount) - 1 - made[gate]);
        }

        return entries;
    }

    public static ArithTaskTables Build(ArithCircuit circuit, ArithStaging staging)
    {
        var leaves = circuit.LeafCount;
        var reads = new int[staging.TotalTasks][];
        var localOperand = new int[circuit.Operands.Length];
        var outside = new List<int>();
        for (var global = 0; global < staging.TotalTasks; global++)
        {
            int first = staging.FirstGate(global), end = staging.EndGate(global);
            outside.Clear();
            for (var k = circuit.OperandStart[first]; k < circuit.OperandStart[end]; k++)
            {
                if (circuit.Operands[k] - leaves < first)
                {
                    outside.Add(circuit.Operands[k]);
                }
            }

            outside.Sort();
            var unique = 0;
            for (var i = 0; i < outside.Count; i++)
            {
                if (i == 0 || outside[i] != outside[i - 1])
                {
                    outside[unique++] = outside[i];
                }
            }

            reads[global] = [.. outside.GetRange(0, unique)];
            for (var k = circuit.OperandStart[first]; k < circuit.OperandStart[end]; k++)
            {
                var signal = circuit.Operands[k];
                localOperand[k] = signal - leaves >= first ? reads[global].Length + (signal - leaves - first) : Array.BinarySearch(reads[global], signal);
            }
        }

        var (made, lastRead) = Lifetimes(circuit, staging);
        // Count, then fill: gates in ascending order keep every stage's carry list sorted.
        var counts = new int[staging.StageCount];
        for (var gate = 0; gate < circuit.GateCount; gate++)
        {
            for (var s = made[gate] + 1; s < Math.Min(lastRead[gate], staging.StageCount); s++)
            {
                counts[s]++;
            }
        }

        var carried = counts.Select(c => new int[c]).ToArray();
        Array.Clear(counts);
        for (var gate = 0; gate < circuit.GateCount; gate++)
        {
            for (var s = made[gate] + 1; s < Math.Min(lastRead[gate], staging.StageCount); s++)
            {
                carried[s][counts[s]++] = leaves + gate;
            }
        }

        return new ArithTaskTables(reads, carried, localOperand);
    }

    /// <summary>Per gate, the stage that makes it and the last stage that reads it (StageCount for an output, −1 for none).</summary>
    private static (int[] Made, int[] LastRead) Lifetimes(ArithCircuit circuit, ArithStaging staging)
    {
        var leaves = circuit.LeafCount;
        var made = new int[circuit.GateCount];
        var lastRead = new int[circuit.GateCount];
        Array.Fill(lastRead, -1);
        for (var stage = 0; stage < staging.StageCount; stage++)
        {
            var firstTask = staging.GlobalTask(stage, 0);
            var first = staging.FirstGate(firstTask);
            var end = staging.EndGate(staging.GlobalTask(stage, staging.TaskCount(stage) - 1));
            for (var g = first; g < end; g++)
            {
                made[g] = stage;
            }

            for (var k = circuit.OperandStart[first]; k < circuit.OperandStart[end]; k++)
            {
                var gate = circuit.Operands[k] - leaves;
                if (gate >= 0)
                {
                    lastRead[gate] = stage;
                }
            }
        }

        foreach (var output in circuit.Outputs)
        {
            if (output >= leaves)
            {
                lastRead[output - leaves] = staging.StageCount;
            }
        }

        return (made, lastRead);
    }
}
