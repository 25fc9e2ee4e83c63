using System.Net;
using SerialCluster.Abstractions.Calibration;
using SerialCluster.Abstractions.Execution;
using SerialCluster.Grains.Execution;

namespace SerialCluster.Grains.Tests.Placement;

/// <summary>Silos as a coordinator sees them, made without a cluster: one per port, in address order.</summary>
internal static class SiloSlots
{
    public static SiloSlot Of(
        int port, int cores = 4, SiloRole role = SiloRole.Any, double? score = null, int runningChains = 0, string? machine = null)
    {
        var address = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1);
        var calibration = score is { } s ? new SiloCalibration(s, s * cores, cores, cores, "test", 3000, DateTimeOffset.UnixEpoch, 1, false) : null;
        return new SiloSlot(address, new SiloCapacity($"silo{port}", machine ?? $"machine{port}", cores, role, calibration, runningChains, 0, []));
    }

    /// <summary><paramref name="count"/> equal silos of <paramref name="cores"/> cores each.</summary>
    public static SiloSlot[] Equal(int count, int cores = 4) => [.. Enumerable.Range(0, count).Select(i => Of(11111 + i, cores))];
}
