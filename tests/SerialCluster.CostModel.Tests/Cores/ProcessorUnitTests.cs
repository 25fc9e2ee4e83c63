using SerialCluster.CostModel.Cores;

namespace SerialCluster.CostModel.Tests.Cores;

/// <summary>What P counts on a cluster: slow silos under equal fractional quotas that fit the CPUs, else whole cores.</summary>
public sealed class ProcessorUnitTests
{
    private const string Host = "boot-1";

    private static CoreClaim[] Silos(int count, double cores, string cpus = "0-1") =>
        [.. Enumerable.Range(0, count).Select(i => new CoreClaim(Host, $"{Host}/{100 + i}", cpus, cores))];

    [Fact]
    public void EightQuarterCoreSilosOnTwoCpusAreEightProcessorsOfAQuarterCore()
    {
        var unit = ProcessorUnit.Of(Silos(8, 0.25));
        Assert.Equal(new ProcessorUnit(8, 0.25), unit);
        Assert.True(unit.IsSilo);
        Assert.Equal("silos", unit.Noun);
        Assert.Equal("P counts slow silos: 1 = one silo of 0.25 core (8 such silos, 2 cores together)", unit.Describe());
    }

    [Fact]
    public void QuotasThatOversubscribeTheCpusCountOnlyTheSilosTheCpusHold()
    {
        // 8 × 0.5 core want 4 cores of 2 CPUs: four such silos at once get their quota, eight do not.
        Assert.Equal(new ProcessorUnit(4, 0.5), ProcessorUnit.Of(Silos(8, 0.5)));
        Assert.Equal(new ProcessorUnit(4, 0.5), ProcessorUnit.Of(Silos(4, 0.5)));
    }

    [Fact]
    public void SilosWithoutAQuotaCountCores()
    {
        Assert.Equal(ProcessorUnit.Cores(2), ProcessorUnit.Of(Silos(3, 2)));
        Assert.Equal("cores", ProcessorUnit.Of(Silos(3, 2)).Noun);
    }

    [Fact]
    public void UnequalQuotasCountCores()
    {
        CoreClaim[] claims = [.. Silos(3, 0.25), new(Host, $"{Host}/999", "0-1", 0.5)];
        Assert.Equal(ProcessorUnit.Cores(1), ProcessorUnit.Of(claims));
    }

    [Fact]
    public void SilosOfOneProcessShareItsQuotaAndCountCores()
    {
        CoreClaim[] claims = [new(Host, "laptop/4242", "0-1", 0.5), new(Host, "laptop/4242", "0-1", 0.5)];
        Assert.Equal(ProcessorUnit.Cores(1), ProcessorUnit.Of(claims));
    }

    [Fact]
    public void OneSiloOrDeclaredCoresCountCores()
    {
        Assert.Equal(ProcessorUnit.Cores(1), ProcessorUnit.Of(Silos(1, 0.25)));
        CoreClaim[] declared = [new(Host, "a/1", null, 0.5, Declared: true), new(Host, "b/1", null, 0.5, Declared: true)];
        Assert.Equal(ProcessorUnit.Cores(1), ProcessorUnit.Of(declared));
    }
}
