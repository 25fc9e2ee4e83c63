using System.Globalization;
using SerialCluster.Workloads.Execution;
using SerialCluster.Workloads.MonteCarlo;
using SerialCluster.Workloads.Parameters;

namespace SerialCluster.Workloads.Tests.MonteCarlo;

public sealed class MonteCarloWorkloadTests
{
    private static long Inside(long samples, int tasks, long seed, int parallelism = 1) =>
        LocalPlanRunner.Run(
            new MonteCarloWorkload().Plan(new Dictionary<string, string>
            {
                ["samples"] = samples.ToString(CultureInfo.InvariantCulture),
                ["tasks"] = tasks.ToString(CultureInfo.InvariantCulture),
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            }),
            parallelism).Result["inside"]!.GetValue<long>();

    [Fact]
    public void CountMatchesAnIndependentImplementation()
    {
        // Python, straight from the definition: SplitMix64 outputs 2k and 2k+1, top 53 bits, x² + y² < 1.
        Assert.Equal(1_572_078, Inside(2_000_000, 1, 7));
        Assert.Equal(785_189, Inside(1_000_000, 3, 42));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    public void InsideDoesNotDependOnTheSplit(int tasks) => Assert.Equal(1_572_078, Inside(2_000_000, tasks, 7));

    [Fact]
    public void InsideDoesNotDependOnParallelism() =>
        Assert.Equal(Inside(3_000_001, 13, 5, parallelism: 1), Inside(3_000_001, 13, 5, parallelism: 4));

    [Fact]
    public void TasksCoverEverySampleOnce()
    {
        var plan = new MonteCarloWorkload().Plan(new Dictionary<string, string> { ["samples"] = "1000003", ["tasks"] = "7" });
        var total = Enumerable.Range(0, 7).Sum(t => plan.TaskUnits(0, t));
        Assert.Equal(1_000_003, total);
        Assert.Equal(1_000_003, plan.Work);
        Assert.Equal(142_858, plan.Span); // ceil(1000003 / 7)
    }

    [Fact]
    public void PiIsCloseForManySamples()
    {
        var result = LocalPlanRunner.Run(new MonteCarloWorkload().Plan(new Dictionary<string, string> { ["samples"] = "4000000" })).Result;
        Assert.InRange(result["pi"]!.GetValue<double>(), 3.135, 3.148); // 4·sqrt(p(1−p)/n) ≈ 0.0008; ±8σ
    }

    [Fact]
    public void MoreTasksThanSamplesIsRefused()
    {
        var error = Assert.Throws<InvalidParameterException>(() =>
            new MonteCarloWorkload().Plan(new Dictionary<string, string> { ["samples"] = "5", ["tasks"] = "6" }));
        Assert.Equal("tasks", error.Parameter);
    }
}
