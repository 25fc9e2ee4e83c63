using SerialCluster.Integration.Tests.Infrastructure;

namespace SerialCluster.Integration.Tests.Hosting;

/// <summary>The silo process refuses bad configuration before it starts anything: exit code 2 and one line naming the key.</summary>
[Trait("Category", "Integration")]
[Collection(ProcessCollection.Name)]
public sealed class SiloConfigurationTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("SerialCluster:Silo:Role: 'fast' is not a role; allowed: any, serial, parallel", "Role=fast")]
    [InlineData("SerialCluster:Silo:Clustering: must be localhost or redis", "Clustering=zookeeper")]
    [InlineData("SerialCluster:Silo:RedisConnectionString: is required with Clustering=redis", "Clustering=redis")]
    [InlineData(
        "SerialCluster:Silo:AdvertisedIPAddress: 'somewhere' is not an IP address",
        "Clustering=redis",
        "RedisConnectionString=127.0.0.1:6379",
        "AdvertisedIPAddress=somewhere")]
    [InlineData("at 'SerialCluster:Silo:CalibrationInterval' to type 'System.TimeSpan'", "CalibrationInterval=often")]
    [InlineData("SerialCluster:Silo:CalibrationDuration: 00:00:00.0500000 is shorter than the minimum", "CalibrationDuration=00:00:00.05")]
    [InlineData("SerialCluster:Silo:SingleThreadScoreOverride: -1 is not a positive score", "SingleThreadScoreOverride=-1")]
    [InlineData(
        "SerialCluster:Silo:CalibrationLockDirectory: '/nonexistent/serialcluster' is not a directory; allowed: an existing directory",
        "CalibrationLockDirectory=/nonexistent/serialcluster")]
    [InlineData("SerialCluster:Silo:MetricsPort: The field MetricsPort must be between 0 and 65535", "MetricsPort=70000")]
    [InlineData("SerialCluster:Silo:MetricsHost: must be +, *, a host name or an IP address", "MetricsHost=http://x/")]
    [InlineData("SerialCluster:Silo:TraceSampleRatio: The field TraceSampleRatio must be between 0 and 1", "TraceSampleRatio=2")]
    public async Task BadSettingStopsTheSiloNamingTheKey(string expected, params string[] settings)
    {
        using var silo = ChildProcess.Start(
            "silo",
            "dotnet",
            [SiloProcess.SiloDll, .. settings.Select(s => $"--SerialCluster:Silo:{s}")],
            AppContext.BaseDirectory);
        var exitCode = await silo.WaitForExitAsync(ExitDeadline);
        Assert.Equal(2, exitCode);
        Assert.Contains(expected, silo.Output(), StringComparison.Ordinal);
    }
}
