using System.Runtime.CompilerServices;
using SerialCluster.Cli.Local;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// Points every CLI command these tests run (in this process and in the CLI processes they start) at an empty state
/// directory of their own, so a local cluster the user started with <c>serialcluster up</c> is never used or stopped.
/// </summary>
internal static class IsolatedLocalClusterState
{
    // A module initializer runs before any test, also those that call the CLI's code directly; that is what it is for here.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate() => Environment.SetEnvironmentVariable(
        LocalClusterPaths.DirectoryEnvironmentVariable,
        Path.Combine(Path.GetTempPath(), $"serialcluster-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"));
}
