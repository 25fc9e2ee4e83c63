using BenchmarkDotNet.Attributes;
using SerialCluster.Benchmarks.Reporting;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>The two algebraic chains: the S5 word problem as a left fold, and time-lock repeated squaring.</summary>
public class AlgebraBenchmarks
{
    private const int Letters = 1 << 24;
    private const int Squarings = 20_000;

    private WholeRun _s5 = null!;
    private WholeRun _timelock = null!;

    [GlobalSetup]
    public void Setup()
    {
        _s5 = new WholeRun("s5", new Dictionary<string, string> { ["length"] = Letters.ToString(System.Globalization.CultureInfo.InvariantCulture), ["method"] = "fold" }, Letters);
        _timelock = new WholeRun("timelock", new Dictionary<string, string> { ["t"] = Squarings.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Squarings);
    }

    [Benchmark(OperationsPerInvoke = Letters)]
    [KernelReport("s5", "letters", TargetPerSecond = 1e8, Note = "method=fold, 2^24 letters (generation included)")]
    public int S5Fold() => _s5.Run();

    [Benchmark(OperationsPerInvoke = Squarings)]
    [KernelReport("timelock", "modular squarings", Note = "2048-bit modulus (RSA-2048), Montgomery")]
    public int TimeLock2048() => _timelock.Run();
}
