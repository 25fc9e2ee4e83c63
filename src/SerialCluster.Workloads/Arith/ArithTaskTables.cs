namespace SerialCluster.Workloads.Arith;

/// <summary>
/// What each task reads and what each stage carries. A task's input is the values of the signals its gates read
/// from outside its own range (<see cref="Reads"/>, leaves included, ascending), and for a stage's last task also the
/// values carried through the stage (<see cref="Carry"/>: gates made in an earlier stage and read after it, outputs
/// included); its output is its own gates' values, then (last task) the carried ones. <see cref="LocalOperand"/> is
/// the circuit's operand array renumbered into each task's local value array: its reads, then its own gates.
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

    /// <summary>The tables, or null when the carried values would exceed <paramref name="carryBudget"/> entries.</summary>
    public static ArithTaskTables? Build(ArithCircuit circuit, ArithStaging staging, long carryBudget)
    {
        var leaves = circuit.LeafCount;
        var made = new int[circuit.GateCount];
        var lastRead = new int[circuit.GateCount];
        Array.Fill(lastRead, -1);
        var reads = new int[staging.TotalTasks][];
        var localOperand = new int[circuit.Operands.Length];
        for (var stage = 0; stage < staging.StageCount; stage++)
        {
            for (var task = 0; task < staging.TaskCount(stage); task++)
            {
                var global = staging.GlobalTask(stage, task);
                int first = staging.FirstGate(global), end = staging.EndGate(global);
                var outside = new SortedSet<int>();
                for (var g = first; g < end; g++)
                {
                    made[g] = stage;
                    for (var k = circuit.OperandStart[g]; k < circuit.OperandStart[g + 1]; k++)
                    {
                        var signal = circuit.Operands[k];
                        var gate = signal - leaves;
                        if (gate < first)
                        {
                            outside.Add(signal);
                        }

                        if (gate >= 0)
                        {
                            lastRead[gate] = Math.Max(lastRead[gate], stage);
                        }
                    }
                }

                reads[global] = [.. outside];
                for (var g = first; g < end; g++)
                {
                    for (var k = circuit.OperandStart[g]; k < circuit.OperandStart[g + 1]; k++)
                    {
                        var signal = circuit.Operands[k];
                        localOperand[k] = signal - leaves >= first ? reads[global].Length + (signal - leaves - first) : Array.BinarySearch(reads[global], signal);
                    }
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

        var carried = new List<int>[staging.StageCount];
        for (var s = 0; s < carried.Length; s++)
        {
            carried[s] = [];
        }

        long entries = 0;
        for (var gate = 0; gate < circuit.GateCount; gate++)
        {
            var through = Math.Min(lastRead[gate], staging.StageCount) - 1;
            entries += Math.Max(0, through - made[gate]);
            if (entries > carryBudget)
            {
                return null;
            }

            for (var s = made[gate] + 1; s <= through; s++)
            {
                carried[s].Add(leaves + gate);
            }
        }

        return new ArithTaskTables(reads, [.. carried.Select(c => c.ToArray())], localOperand);
    }
}
