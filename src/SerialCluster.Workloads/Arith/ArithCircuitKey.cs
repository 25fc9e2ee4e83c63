namespace SerialCluster.Workloads.Arith;

/// <summary>
/// Every parameter that decides an arith job's circuit and input values (not how it is cut into tasks): two plans with
/// the same key evaluate the same <see cref="ArithCircuit"/>.
/// </summary>
internal sealed record ArithCircuitKey(string Circuit, string Inputs, int Depth, int Width, int FanIn, string Degree, long Seed);
