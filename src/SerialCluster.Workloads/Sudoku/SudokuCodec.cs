using System.Buffers.Binary;

namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// Task outputs, for boards of <c>cells</c> cells. A batch task writes, per puzzle, [solutions: 1 byte][nodes: int64]
/// [first solution: cells bytes, zeros when none]. A split task writes one walk over its subtrees: [solutions: 1 byte]
/// [nodes at the first solution: int64][nodes at the second: int64][nodes in all: int64][first solution: cells bytes].
/// </summary>
public static class SudokuCodec
{
    public static int PuzzleBytes(int cells) => 1 + 8 + cells;

    public static int WalkBytes(int cells) => 1 + 24 + cells;

    public static void WritePuzzle(Span<byte> output, ISudokuSearch solver)
    {
        output[0] = (byte)solver.Solutions;
        BinaryPrimitives.WriteInt64LittleEndian(output[1..], solver.Nodes);
        solver.FirstSolution.CopyTo(output[9..]);
    }

    public static SudokuPuzzleResult ReadPuzzle(ReadOnlySpan<byte> input)
    {
        var solutions = input[0];
        var nodes = BinaryPrimitives.ReadInt64LittleEndian(input[1..]);
        return new SudokuPuzzleResult(solutions > 0 ? input[9..].ToArray() : null, solutions, nodes);
    }

    public static byte[] WriteWalk(ISudokuSearch solver)
    {
        var output = new byte[WalkBytes(solver.FirstSolution.Length)];
        output[0] = (byte)solver.Solutions;
        BinaryPrimitives.WriteInt64LittleEndian(output.AsSpan(1), solver.NodesAtFirst);
        BinaryPrimitives.WriteInt64LittleEndian(output.AsSpan(9), solver.NodesAtSecond);
        BinaryPrimitives.WriteInt64LittleEndian(output.AsSpan(17), solver.Nodes);
        solver.FirstSolution.CopyTo(output.AsSpan(25));
        return output;
    }

    public static int WalkSolutions(ReadOnlySpan<byte> walk) => walk[0];

    /// <summary>Nodes of the walk up to its <paramref name="solution"/>-th solution (1 or 2).</summary>
    public static long WalkNodesAt(ReadOnlySpan<byte> walk, int solution) =>
        BinaryPrimitives.ReadInt64LittleEndian(walk[(solution == 1 ? 1 : 9)..]);

    public static long WalkNodes(ReadOnlySpan<byte> walk) => BinaryPrimitives.ReadInt64LittleEndian(walk[17..]);

    public static byte[] WalkSolution(ReadOnlySpan<byte> walk) => walk[25..].ToArray();
}
