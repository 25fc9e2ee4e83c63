namespace SerialCluster.Cli.Local;

/// <summary>One silo of the local cluster: its name and its loopback ports (silo-to-silo and the clients' gateway).</summary>
public sealed record LocalSiloEndpoint(string Name, int SiloPort, int GatewayPort);
