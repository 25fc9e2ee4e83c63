using System.Text.Json.Nodes;
using SerialCluster.Workloads.Parameters;
using SerialCluster.Workloads.Plans;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// One puzzle's search split into <c>split</c> speculative tasks: task t walks subtrees [F·t/split, F·(t+1)/split) of the depth-first frontier
/// (<see cref="SudokuFrontier"/>) until the target count of solutions (1, or 2 with uniqueness). A task that reaches it is decisive and cancels every
/// later task; with uniqueness a lone solution decides nothing, so a unique puzzle's tree is exhausted in parallel. <see cref="Finish"/> replays the
/// walks in order, giving the unsplit search's first solution, solution count and nodes whatever finished first.
/// </summary>
public sealed class SudokuSplitPlan : WorkloadPlan
{
    private readonly SudokuPuzzleSet _puzzle;
    private readonly int _split;
    private readonly int _target;
    private readonly bool _checkUnique;
    private readonly Lazy<SudokuFrontier> _frontier;

    public SudokuSplitPlan(ParameterValues parameters, SudokuPuzzleSet puzzle, int split)
        : base(parameters, SudokuWorkload.UnitName, [StageSpec.Parallel("subtrees", split, split, 1) with { Speculative = true }])
    {
        _puzzle = puzzle;
        _split = split;
        _checkUnique = parameters.GetBoolean("checkUnique");
        _target = _checkUnique ? 2 : 1;
        _frontier = new Lazy<SudokuFrontier>(() => SudokuFrontier.Build(_puzzle.Geometry, _puzzle.Grids, _split), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The subtrees the search was cut into (built on first use; the same on every silo).</summary>
    public SudokuFrontier Frontier => _frontier.Value;

    public override long TaskUnits(int stage, int task) => 1;

    public override byte[] CreateTaskInput(int stage, int task, IReadOnlyList<byte[]> previousOutputs) => [];

    public override byte[] RunTask(int stage, int task, byte[] input, CancellationToken cancellationToken)
    {
        var branches = Frontier.Branches;
        var first = (int)((long)branches.Count * task / _split);
        var end = (int)((long)branches.Count * (task + 1) / _split);
        var solver = _puzzle.CreateSolver();
        solver.Reset(_target, cancellationToken);
        for (var i = first; i < end && !solver.Done; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var branch = branches[i];
            solver.AddNodes(branch.Opened);
            if (branch.Cell < 0)
            {
                solver.SearchPuzzle(branch.Grid);
            }
            else
            {
                solver.SearchBranch(branch.Grid, branch.Cell, branch.Digit);
            }
        }

        return SudokuCodec.WriteWalk(solver);
    }

    public override bool IsDecisive(int stage, int task, byte[] output) =>
        output.Length > 0 && SudokuCodec.WalkSolutions(output) >= _target;

    public override JsonObject Finish(IReadOnlyList<byte[]> lastStageOutputs)
    {
        byte[]? solution = null;
        var found = 0;
        long nodes = 0;
        foreach (var walk in lastStageOutputs)
        {
            if (walk.Length == 0)
            {
                throw new InvalidOperationException("A cancelled subtree came before the deciding one.");
            }

            var solutions = SudokuCodec.WalkSolutions(walk);
            if (solutions > 0 && solution is null)
            {
                solution = SudokuCodec.WalkSolution(walk);
            }

            var needed = _target - found;
            if (solutions >= needed)
            {
                // The serial search stops inside this walk, at its needed-th solution.
                nodes += SudokuCodec.WalkNodesAt(walk, needed);
                found = _target;
                break;
            }

            nodes += SudokuCodec.WalkNodes(walk);
            found += solutions;
        }

        return SudokuResults.Build([new SudokuPuzzleResult(solution, found, nodes)], _checkUnique);
    }
}
