namespace SerialCluster.Workloads.Arith;

/// <summary>The gates of a division-free arithmetic circuit; constants and inputs are leaves, not gates.</summary>
public enum ArithOp : byte
{
    /// <summary>The sum of every operand.</summary>
    Add,

    /// <summary>The first operand minus every later one.</summary>
    Subtract,

    /// <summary>The product of every operand.</summary>
    Multiply,
}
