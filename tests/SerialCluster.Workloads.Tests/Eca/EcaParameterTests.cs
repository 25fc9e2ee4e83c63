using SerialCluster.Workloads.Parameters;
using static SerialCluster.Workloads.Tests.Eca.EcaRun;

namespace SerialCluster.Workloads.Tests.Eca;

/// <summary>Bad parameters are refused before any work, naming the parameter.</summary>
public sealed class EcaParameterTests
{
    [Theory]
    [InlineData("rule=256", "rule")]
    [InlineData("rule=-1", "rule")]
    [InlineData("steps=0", "steps")]
    [InlineData("init=checkerboard", "init")]
    [InlineData("boundary=reflect", "boundary")]
    [InlineData("record=everything", "record")]
    [InlineData("width=0", "width")]
    [InlineData("strips=0", "strips")]
    [InlineData("shortcut=true", "shortcut")]
    [InlineData("rule=30 shortcut=true", "shortcut")]
    [InlineData("rule=90 shortcut=true record=center", "record")]
    [InlineData("steps=20000000 record=center", "steps")]
    [InlineData("steps=100000000 boundary=zero", "steps")]
    [InlineData("steps=10000000 width=67108864", "steps")]
    [InlineData("steps=1000000 halo=1", "halo")]
    [InlineData("steps=100000 halo=1 strips=1024 width=65536", "halo")]
    [InlineData("colour=red", "colour")]
    public void IsRefusedNamingTheParameter(string parameters, string parameter)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Plan(parameters));
        Assert.Equal(parameter, error.Parameter);
        Assert.Equal("eca", error.Workload);
    }

    [Fact]
    public void StripsAreCappedAtOnePerWord()
    {
        var plan = Plan("width=100 strips=8");
        Assert.Equal(2, plan.Stages[0].TaskCount);
    }
}
