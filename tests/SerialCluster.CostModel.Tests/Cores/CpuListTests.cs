using SerialCluster.CostModel.Cores;

namespace SerialCluster.CostModel.Tests.Cores;

public sealed class CpuListTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("0-3,6", "0-3,6")]
    [InlineData("3,1,0,2", "0-3")]
    [InlineData(" 0-1 , 4,5 ", "0-1,4-5")]
    public void ParsesAndWritesTheShortestList(string list, string shortest) =>
        Assert.Equal(shortest, CpuList.Format(CpuList.Parse(list)!));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3-1")]
    [InlineData("a")]
    [InlineData("0-")]
    public void RefusesWhatIsNotACpuList(string? list) => Assert.Null(CpuList.Parse(list));
}
