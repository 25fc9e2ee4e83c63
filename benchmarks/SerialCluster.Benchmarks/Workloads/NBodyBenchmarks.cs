using BenchmarkDotNet.Attributes;
using SerialCluster.Benchmarks.Reporting;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>
/// The nbody force kernel (direct summation, softened), per pair interaction in the workload's unit n·(n − 1).
/// One method per n because OperationsPerInvoke is a constant.
/// </summary>
public class NBodyBenchmarks
{
    private const int Small = 256;
    private const int Large = 1024;

    // About a million pairs per invocation at either size.
    private const int SmallEvaluations = 16;
    private const int SmallPairs = Small * (Small - 1) * SmallEvaluations;
    private const int LargePairs = Large * (Large - 1);

    private NBodyForceEvaluation _small = null!;
    private NBodyForceEvaluation _large = null!;

    [GlobalSetup]
    public void Setup()
    {
        _small = new NBodyForceEvaluation(Small);
        _large = new NBodyForceEvaluation(Large);
    }

    [Benchmark(OperationsPerInvoke = SmallPairs)]
    [KernelReport("nbody", "pair interactions", TargetPerSecond = 5e7, Note = "n = 256, one force evaluation ×16")]
    public double Forces256()
    {
        var sum = 0.0;
        for (var i = 0; i < SmallEvaluations; i++)
        {
            sum += _small.Run();
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = LargePairs)]
    [KernelReport("nbody", "pair interactions", TargetPerSecond = 5e7, Note = "n = 1024, one force evaluation")]
    public double Forces1024() => _large.Run();
}
