using BenchmarkDotNet.Attributes;
using SerialCluster.Benchmarks.Reporting;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Benchmarks.Workloads;

/// <summary>One 17-clue puzzle solved and proven unique, per operation (target: well under 10 ms, i.e. ≫ 100/s).</summary>
public class SudokuBenchmarks
{
    // Peter Norvig's "hard1", a 17-clue puzzle with a unique solution.
    private const string SeventeenClues = "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......";

    private WorkloadPlan _plan = null!;
    private byte[] _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = WorkloadCatalog.Get("sudoku").Plan(new Dictionary<string, string> { ["puzzles"] = SeventeenClues, ["tasks"] = "1" });
        _input = _plan.CreateTaskInput(0, 0, []);
    }

    [Benchmark(OperationsPerInvoke = 1)]
    [KernelReport("sudoku", "puzzles", TargetPerSecond = 100, Note = "Norvig hard1 (17 clues), solve + uniqueness proof; target ≪ 10 ms")]
    public int Solve17Clue() => _plan.RunTask(0, 0, _input, CancellationToken.None).Length;
}
