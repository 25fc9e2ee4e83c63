namespace SerialCluster.Workloads.Cvp;

/// <summary>A compiled job: the circuit that is evaluated (parsed, generated, or its dual-rail form), its inputs, and the original circuit's size.</summary>
/// <param name="Evaluated">The netlist the plan runs.</param>
/// <param name="InputValues">One byte (0 or 1) per input of <paramref name="Evaluated"/> (literals for dual rail).</param>
/// <param name="Gates">Gates of the original circuit.</param>
/// <param name="Depth">Depth of the original circuit.</param>
/// <param name="DualRail">True when <paramref name="Evaluated"/> is the dual-rail monotone form.</param>
public sealed record CvpCircuit(Netlist Evaluated, byte[] InputValues, int Gates, int Depth, bool DualRail);
