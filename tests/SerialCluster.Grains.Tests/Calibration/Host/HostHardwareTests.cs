using SerialCluster.Grains.Calibration.Host;

namespace SerialCluster.Grains.Tests.Calibration.Host;

public sealed class HostHardwareTests
{
    [Fact]
    public void HostHardwareIsConsistent()
    {
        var hardware = HostHardware.Read();
        Assert.Equal(Environment.ProcessorCount, hardware.ProcessorCount);
        Assert.InRange(hardware.UsableCores, 0.01, hardware.ProcessorCount);
    }
}
