using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Reliability;

/// <summary>The real <c>serialcluster</c> command as its own process (its dll is built beside these tests), joined to a test cluster.</summary>
public static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "serialcluster.dll");

    /// <summary>Starts <c>serialcluster</c> with <paramref name="arguments"/>, then the cluster's <c>--redis</c> and <c>--cluster-id</c>.</summary>
    public static ChildProcess Start(ProcessCluster cluster, params string[] arguments) =>
        ChildProcess.Start(
            "serialcluster",
            "dotnet",
            [Dll, .. arguments, "--redis", cluster.Redis.ConnectionString, "--cluster-id", cluster.ClusterId],
            AppContext.BaseDirectory);

    /// <summary>Starts <c>serialcluster</c> connected through <paramref name="silo"/>'s gateway: no Redis needed to connect.</summary>
    public static ChildProcess StartThroughGateway(ProcessCluster cluster, SiloProcess silo, params string[] arguments) =>
        ChildProcess.Start(
            "serialcluster",
            "dotnet",
            [Dll, .. arguments, "--gateway", $"127.0.0.1:{silo.GatewayPort}", "--cluster-id", cluster.ClusterId],
            AppContext.BaseDirectory);
}
