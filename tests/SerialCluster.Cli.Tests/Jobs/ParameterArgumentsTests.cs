using SerialCluster.Cli.Jobs;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Tests.Jobs;

public sealed class ParameterArgumentsTests
{
    [Fact]
    public void ValueMayContainEqualsSigns()
    {
        var raw = ParameterArguments.Parse(WorkloadCatalog.Get("hashchain"), ["seed=00", "steps=5"]);
        Assert.Equal("00", raw["seed"]);
        Assert.Equal("5", raw["steps"]);
    }

    [Fact]
    public void UnknownNameIsRefusedListingTheKnownOnes()
    {
        var error = Assert.Throws<InvalidParameterException>(() => ParameterArguments.Parse(WorkloadCatalog.Get("hashchain"), ["nope=1"]));
        Assert.Equal(ParameterErrorKind.Unknown, error.Kind);
        Assert.Contains("seed, steps", error.Message, StringComparison.Ordinal);
    }
}
