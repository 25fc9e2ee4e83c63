using SerialCluster.Abstractions.Execution;

namespace SerialCluster.Cli.Cluster;

/// <summary>One active silo as membership lists it, and what it reported about itself (null when it did not answer).</summary>
public sealed record SurveyedSilo(SiloAddress Address, string Name, string HostName, SiloCapacity? Capacity);
