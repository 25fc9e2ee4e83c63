using SerialCluster.Workloads.Sudoku;

namespace SerialCluster.Workloads.Tests.Sudoku;

public sealed class SudokuTablesTests
{
    private static int Box(int cell) => (3 * (cell / 27)) + (cell % 9 / 3);

    [Fact]
    public void UnitsFollowTheGridGeometry()
    {
        for (var cell = 0; cell < 81; cell++)
        {
            Assert.Equal(cell / 9, SudokuTables.RowUnit[cell]);
            Assert.Equal(9 + (cell % 9), SudokuTables.ColumnUnit[cell]);
            Assert.Equal(18 + Box(cell), SudokuTables.BoxUnit[cell]);
        }

        for (var unit = 0; unit < 27; unit++)
        {
            var members = SudokuTables.UnitCells.Slice(unit * 9, 9).ToArray();
            Assert.Equal(9, members.Distinct().Count());
            foreach (var cell in members)
            {
                Assert.Contains(unit, new[] { SudokuTables.RowUnit[cell], SudokuTables.ColumnUnit[cell], SudokuTables.BoxUnit[cell] }.Select(u => (int)u));
            }
        }
    }

    [Fact]
    public void PeersAreTheOtherCellsSharingAUnit()
    {
        for (var cell = 0; cell < 81; cell++)
        {
            var expected = Enumerable.Range(0, 81)
                .Where(other => other != cell && (other / 9 == cell / 9 || other % 9 == cell % 9 || Box(other) == Box(cell)));
            Assert.Equal(expected, SudokuTables.Peers.Slice(cell * 20, 20).ToArray().Select(p => (int)p));
        }
    }
}
