using System.Globalization;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Tests.Parameters;

/// <summary>
/// Defaults never make a valid request fail: a user who sets one parameter to a small value and leaves the rest to
/// their defaults gets a plan, or a refusal that names the parameter they set — never one that names a parameter they
/// did not set (a default that depends on the size adapts to it).
/// </summary>
public sealed class AdaptedDefaultsTests
{
    public static TheoryData<string, string, string> SmallValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var workload in WorkloadCatalog.All)
        {
            foreach (var spec in workload.Parameters.Where(s => s.Kind == ParameterKind.Integer))
            {
                foreach (var value in new[] { spec.Min, spec.Min + 1, 5, 10 }.Where(v => v >= spec.Min && v <= spec.Max).Distinct())
                {
                    data.Add(workload.Name, spec.Name, value.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SmallValues))]
    public void OneSmallValueWithDefaultsIsNeverRefusedForAParameterNotGiven(string workload, string parameter, string value)
    {
        var raw = new Dictionary<string, string> { [parameter] = value };
        try
        {
            WorkloadCatalog.Get(workload).Plan(raw);
        }
        catch (InvalidParameterException refusal)
        {
            Assert.True(
                refusal.Parameter == parameter,
                $"{workload} {parameter}={value}: refused for '{refusal.Parameter}', which the request left to its default: {refusal.Message}");
        }
    }

    [Theory]
    [InlineData("s5", "length=10", "method=tree")]
    [InlineData("montecarlo", "samples=5")]
    [InlineData("mdp", "preset=random", "states=2")]
    public void TheReportedCasesCompileAndSayTheAdaptedValue(string workload, params string[] settings)
    {
        var raw = settings.Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var plan = WorkloadCatalog.Get(workload).Plan(raw);
        var tasks = plan.Parameters.GetInteger("tasks");
        Assert.InRange(
            tasks,
            1,
            long.Parse(raw.GetValueOrDefault("length") ?? raw.GetValueOrDefault("samples") ?? raw["states"], CultureInfo.InvariantCulture));
        // The canonical text carries the adapted value, so every silo compiles the same plan from it.
        Assert.Equal(tasks.ToString(CultureInfo.InvariantCulture), plan.Parameters.Canonical["tasks"]);
        Assert.Equal(plan.Parameters.Canonical, WorkloadCatalog.Get(workload).Plan(plan.Parameters.Canonical).Parameters.Canonical);
    }

    [Fact]
    public void AnExplicitValueOutOfRangeIsStillRefused()
    {
        var refusal = Assert.Throws<InvalidParameterException>(() =>
            WorkloadCatalog.Get("s5").Plan(new Dictionary<string, string> { ["length"] = "10", ["tasks"] = "16" }));
        Assert.Equal("tasks", refusal.Parameter);
    }
}
