using System.Text.Json.Nodes;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Cli.Tests.Commands;

public sealed class WorkloadsCommandTests
{
    [Fact]
    public async Task ListsEveryWorkloadWithParametersAndFormulas()
    {
        var (code, stdout, _) = await CliHarness.RunAsync("workloads");
        Assert.Equal(0, code);
        foreach (var workload in WorkloadCatalog.All)
        {
            Assert.Contains(workload.Name, stdout, StringComparison.Ordinal);
            Assert.Contains($"work = {workload.WorkFormula}", stdout, StringComparison.Ordinal);
            foreach (var parameter in workload.Parameters)
            {
                Assert.Contains(parameter.Name, stdout, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task JsonListsLimits()
    {
        var (code, stdout, _) = await CliHarness.RunAsync("workloads", "--json");
        Assert.Equal(0, code);
        var workloads = JsonNode.Parse(stdout)!["workloads"]!.AsArray();
        Assert.Equal(WorkloadCatalog.All.Count, workloads.Count);
        var hashchain = workloads.Single(w => w!["name"]!.GetValue<string>() == "hashchain")!;
        var steps = hashchain["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "steps")!;
        Assert.Equal("an integer from 1 to 1,000,000,000,000", steps["allowed"]!.GetValue<string>());
        Assert.Equal("steps", hashchain["span"]!.GetValue<string>());
    }
}
