namespace SerialCluster.Workloads.Arith;

/// <summary>Evaluates gates over a value array indexed by the operand numbers the caller's tables use.</summary>
public static class ArithEvaluator
{
    /// <summary>
    /// Gates <paramref name="first"/> … <paramref name="end"/> − 1 of <paramref name="ops"/>, reading operands
    /// <paramref name="operands"/>[<paramref name="operandStart"/>[g] …] from <paramref name="values"/> and writing
    /// gate g's value to <paramref name="values"/>[<paramref name="writeAt"/> + g − <paramref name="first"/>].
    /// </summary>
    public static void Evaluate(
        ReadOnlySpan<ArithOp> ops, ReadOnlySpan<int> operandStart, ReadOnlySpan<int> operands, int first, int end, Span<ulong> values, int writeAt)
    {
        for (var g = first; g < end; g++)
        {
            var from = operandStart[g];
            var to = operandStart[g + 1];
            var value = values[operands[from]];
            switch (ops[g])
            {
                case ArithOp.Add:
                    for (var k = from + 1; k < to; k++)
                    {
                        value = ArithField.Add(value, values[operands[k]]);
                    }

                    break;
                case ArithOp.Subtract:
                    for (var k = from + 1; k < to; k++)
                    {
                        value = ArithField.Subtract(value, values[operands[k]]);
                    }

                    break;
                default:
                    for (var k = from + 1; k < to; k++)
                    {
                        value = ArithField.Multiply(value, values[operands[k]]);
                    }

                    break;
            }

            values[writeAt + g - first] = value;
        }
    }
}
