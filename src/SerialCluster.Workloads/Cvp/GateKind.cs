namespace SerialCluster.Workloads.Cvp;

/// <summary>The gate types of the ISCAS <c>.bench</c> format (combinational only).</summary>
public enum GateKind : byte
{
    And,
    Or,
    Nand,
    Nor,
    Xor,
    Xnor,
    Not,
    Buff,
}
