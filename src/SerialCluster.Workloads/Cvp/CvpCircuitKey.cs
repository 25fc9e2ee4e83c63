namespace SerialCluster.Workloads.Cvp;

/// <summary>
/// Every parameter that decides a cvp job's circuit and input values (not how it is cut into tasks): two plans with
/// the same key evaluate the same <see cref="CvpCircuit"/>.
/// </summary>
internal sealed record CvpCircuitKey(string Circuit, string Inputs, int Layers, int Width, long Seed, string Transform);
