using SerialCluster.Workloads.Sudoku;

namespace SerialCluster.Workloads.Tests.Sudoku;

public sealed class SudokuBoardSolverTests
{
    [Fact]
    public void NineByNineGeometryEqualsTheConstantTables()
    {
        var geometry = SudokuGeometry.ForBoxSize(3);
        Assert.Equal(SudokuTables.Cells, geometry.Cells);
        Assert.Equal(SudokuTables.Units, geometry.Units);
        Assert.Equal(SudokuTables.PeerCount, geometry.PeerCount);
        Assert.Equal(SudokuTables.AllDigits, geometry.AllDigits);
        Assert.Equal(SudokuTables.UnitCells.ToArray().Select(c => (short)c), geometry.UnitCells.ToArray());
        Assert.Equal(SudokuTables.Peers.ToArray().Select(c => (short)c), geometry.Peers.ToArray());
    }

    [Theory]
    [InlineData(4, 16, 39, 48)]
    [InlineData(5, 25, 64, 75)]
    public void LargerGeometriesCountTheirPeersAndUnits(int n, int side, int peers, int units)
    {
        var geometry = SudokuGeometry.ForBoxSize(n);
        Assert.Equal(side, geometry.Side);
        Assert.Equal(side * side, geometry.Cells);
        Assert.Equal(peers, geometry.PeerCount);
        Assert.Equal(units, geometry.Units);
        foreach (var unit in Enumerable.Range(0, units))
        {
            Assert.Equal(side, geometry.UnitCells.Slice(unit * side, side).ToArray().Distinct().Count());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OnNineByNineItVisitsExactlyTheNodesOfTheConstantTableSolver(int target)
    {
        // The built-in set plus generated puzzles of every hardness from trivial to several solutions.
        var puzzles = SudokuPuzzles.Parse("sudoku", string.Empty).Grids.Chunk(81)
            .Concat(Enumerable.Range(0, 40).Select(i => SudokuGenerator.Puzzle(SudokuGeometry.ForBoxSize(3), (ulong)i, 30 + i)));
        var reference = new SudokuSolver();
        var general = new SudokuBoardSolver(SudokuGeometry.ForBoxSize(3));
        foreach (var puzzle in puzzles)
        {
            reference.Reset(target);
            general.Reset(target);
            reference.SearchPuzzle(puzzle);
            general.SearchPuzzle(puzzle);
            Assert.Equal(reference.Nodes, general.Nodes);
            Assert.Equal(reference.NodesAtFirst, general.NodesAtFirst);
            Assert.Equal(reference.NodesAtSecond, general.NodesAtSecond);
            Assert.Equal(reference.Solutions, general.Solutions);
            Assert.Equal(reference.FirstSolution.ToArray(), general.FirstSolution.ToArray());
        }
    }
}
