using System.Buffers.Binary;
using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// Many puzzles, one wide stage: task t searches puzzles [n·t/T, n·(t+1)/T) one after another, each a full
/// serial search, so results never depend on the grouping.
/// </summary>
public sealed class SudokuBatchPlan : WorkloadPlan
{
    private readonly SudokuPuzzleSet _puzzles;
    private readonly int _cells;
    private readonly int _count;
    private readonly int _tasks;
    private readonly int _target;
    private readonly bool _checkUnique;

    public SudokuBatchPlan(ParameterValues parameters, SudokuPuzzleSet puzzles, int tasks)
        : base(parameters, SudokuWorkload.UnitName, [StageFor(puzzles.Count, tasks)])
    {
        _puzzles = puzzles;
        _cells = puzzles.Geometry.Cells;
        _count = puzzles.Count;
        _tasks = tasks;
        _checkUnique = parameters.GetBoolean("checkUnique");
        _target = _checkUnique ? 2 : 1;
    }

    public override long TaskUnits(int stage, int task) => Start(task + 1) - Start(task);

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs)
    {
        var input = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(input, Start(task));
        BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(4), Start(task + 1));
        return input;
    }

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        var first = BinaryPrimitives.ReadInt32LittleEndian(input);
        var end = BinaryPrimitives.ReadInt32LittleEndian(input.AsSpan(4));
        var size = SudokuCodec.PuzzleBytes(_cells);
        var output = new byte[(end - first) * size];
        var solver = _puzzles.CreateSolver();
        for (var puzzle = first; puzzle < end; puzzle++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            solver.Reset(_target, cancellationToken);
            solver.SearchPuzzle(_puzzles.Grids.AsSpan(puzzle * _cells, _cells));
            SudokuCodec.WritePuzzle(output.AsSpan((puzzle - first) * size, size), solver);
        }

        return output;
    }

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        var results = new List<SudokuPuzzleResult>(_count);
        var size = SudokuCodec.PuzzleBytes(_cells);
        foreach (var output in lastStageOutputs)
        {
            for (var offset = 0; offset < output.Length; offset += size)
            {
                results.Add(SudokuCodec.ReadPuzzle(output.AsSpan(offset, size)));
            }
        }

        return SudokuResults.Build(results, _checkUnique);
    }

    private static StageSpec StageFor(int puzzles, int tasks) =>
        StageSpec.Parallel("solve", tasks, puzzles, (puzzles + tasks - 1) / tasks);

    private int Start(int task) => (int)((long)_count * task / _tasks);
}
