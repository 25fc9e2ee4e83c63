using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Plans;

/// <summary>No workload has the requested name; the message lists those that exist (the name shown escaped, on one line).</summary>
public sealed class UnknownWorkloadException(string name, IEnumerable<string> known)
    : Exception($"unknown workload '{InvalidParameterException.Printable(name)}'; available: {string.Join(", ", known)}")
{
    public string Name { get; } = name;
}
