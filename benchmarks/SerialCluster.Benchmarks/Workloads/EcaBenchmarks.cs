using System.Globalization;
using BenchmarkDotNet.Attributes;
using SerialCluster.Benchmarks.Reporting;
using SerialCluster.Workloads.Eca;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>
/// The eca workload as pinned mode runs it: the whole ring stepped on one core by its whole-chain run (ring wrap,
/// rule-specialised bit-parallel kernel, buffer swap per step), from a random row. Every invocation does the same
/// number of cell updates at every width.
/// </summary>
public class EcaBenchmarks
{
    private const int CellsPerInvoke = 1 << 24;

    private IChainRun _chain = null!;
    private long _stepsPerInvoke;

    [Params(110, 30)]
    public int Rule { get; set; }

    [Params(4096, 65536)]
    public int Width { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stepsPerInvoke = CellsPerInvoke / Width;
        _chain = Start();
    }

    [Benchmark(OperationsPerInvoke = CellsPerInvoke)]
    [KernelReport("eca", "cell updates", TargetPerSecond = 2e9, Baseline = "eca_rule110", Note = "whole-chain run, ring, init=random")]
    public void Advance()
    {
        if (_chain.TotalSteps - _chain.StepsDone < _stepsPerInvoke)
        {
            // Never within a normal run (a billion steps); kept so a long run cannot stall on a finished chain.
            _chain = Start();
        }

        _chain.Advance(_stepsPerInvoke);
    }

    private IChainRun Start()
    {
        var workload = WorkloadCatalog.Get("eca");
        var parameters = ParameterValidator.Validate(workload.Name, workload.Parameters, new Dictionary<string, string>
        {
            ["rule"] = Rule.ToString(CultureInfo.InvariantCulture),
            ["width"] = Width.ToString(CultureInfo.InvariantCulture),
            ["steps"] = EcaWorkload.MaxSteps.ToString(CultureInfo.InvariantCulture),
            ["init"] = "random",
            ["seed"] = "7",
            ["boundary"] = "ring",
        });
        return workload.Compile(parameters).CreateWholeChain()
            ?? throw new InvalidOperationException("The eca plan offers no whole-chain run.");
    }
}
