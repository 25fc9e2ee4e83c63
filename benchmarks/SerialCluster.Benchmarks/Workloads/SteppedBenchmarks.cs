using BenchmarkDotNet.Attributes;
using SerialCluster.Benchmarks.Reporting;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>Circuit evaluation and value iteration as pinned mode runs them (one pass, no stages).</summary>
public class SteppedBenchmarks
{
    private const int Layers = 256;
    private const int Width = 4096;
    private const int Gates = Layers * Width;
    private const int States = 2000;
    private const int Actions = 4;
    private const int Successors = 3;
    private const int Horizon = 20;
    private const int Backups = Horizon * States * Actions * Successors;

    private WholeRun _cvp = null!;
    private WholeRun _mdp = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cvp = new WholeRun("cvp", new Dictionary<string, string> { ["layers"] = $"{Layers}", ["width"] = $"{Width}" }, Gates);
        _mdp = new WholeRun("mdp", new Dictionary<string, string>
        {
            ["preset"] = "random",
            ["states"] = $"{States}",
            ["actions"] = $"{Actions}",
            ["successors"] = $"{Successors}",
            ["horizon"] = $"{Horizon}",
            ["tolerance"] = "0",
            ["gamma"] = "0.95",
        }, Backups);
    }

    [Benchmark(OperationsPerInvoke = Gates)]
    [KernelReport("cvp", "gate evaluations", Note = "generated 256 × 4096 layered circuit, whole pass")]
    public int Circuit() => _cvp.Run();

    [Benchmark(OperationsPerInvoke = Backups)]
    [KernelReport("mdp", "backups", Note = "random MDP, 2000 states × 4 actions × 3 successors, 20 sweeps")]
    public int ValueIteration() => _mdp.Run();
}
