namespace SerialCluster.Kernels.Plans;

/// <summary>No workload has the requested name; the message lists those that exist.</summary>
public sealed class UnknownWorkloadException(string name, IEnumerable<string> known)
    : Exception($"unknown workload '{name}'; available: {string.Join(", ", known)}")
{
    public string Name { get; } = name;
}
