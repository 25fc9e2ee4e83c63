using System.Net;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Grains.Execution;

namespace SerialCluster.Grains.Tests.Execution;

/// <summary>
/// Silos as containers of one host report them: each its own host name and process id 1, the host's boot id, its CPU
/// set, and as many cores as that set has; built without a cluster.
/// </summary>
internal static class Containers
{
    public const string Host = "boot:5f1e";

    public static SiloCapacity Capacity(
        string machine, string cpuSet, double usable, SiloRole role = SiloRole.Parallel, string host = Host, int processId = 1, CpuLoad? load = null)
    {
        var processors = (int)Math.Ceiling(usable);
        var calibration = new SiloCalibration(1e6, 1e6 * usable, processors, usable, "test", 3000, DateTimeOffset.UnixEpoch, 1, false);
        return new SiloCapacity(machine, machine, processors, role, calibration, 0, 0, [], load, host, cpuSet, processId);
    }

    /// <summary>The view of <paramref name="capacities"/>, one silo address each, in order.</summary>
    public static ClusterView View(params SiloCapacity[] capacities) =>
        ClusterView.Of([.. capacities.Select((c, i) => (SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 1), c))]);

    /// <summary>The compose defaults under <c>--scale silo=3</c>: silo-serial alone on CPU 0, three parallel silos on CPU 1.</summary>
    public static SiloCapacity[] ComposeDefaults() =>
    [
        Capacity("silo-serial", "0", 1, SiloRole.Serial),
        Capacity("3f2a0c1d9e11", "1", 1),
        Capacity("8b7c6d5e4f33", "1", 1),
        Capacity("a1b2c3d4e5f6", "1", 1),
    ];

    /// <summary>Four unpinned containers on a 2-CPU host: each sees both CPUs.</summary>
    public static SiloCapacity[] Unpinned() =>
        [.. Enumerable.Range(0, 4).Select(i => Capacity($"container{i}", "0-1", 2, i == 0 ? SiloRole.Serial : SiloRole.Parallel))];
}
