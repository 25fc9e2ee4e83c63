using BenchmarkDotNet.Attributes;
using SerialCluster.Benchmarks.Reporting;
using SerialCluster.Workloads.MonteCarlo;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>The montecarlo counting loop, per sample (two SplitMix64 draws and a compare).</summary>
public class MonteCarloBenchmarks
{
    private const int Samples = 1 << 20;
    private const ulong Seed = 42;

    private long _first;

    [Benchmark(OperationsPerInvoke = Samples)]
    [KernelReport("montecarlo", "samples", Note = "no target in the issue")]
    public long CountInside()
    {
        // A new range every call, as the workload's tasks have, so nothing can be folded across invocations.
        var first = _first;
        _first += Samples;
        return MonteCarloKernel.CountInside(Seed, first, first + Samples);
    }
}
