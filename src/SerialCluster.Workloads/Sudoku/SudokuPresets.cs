namespace SerialCluster.Workloads.Sudoku;

/// <summary>
/// Built-in puzzles the <c>preset</c> parameter names. <c>hard25</c>: one 25×25 puzzle with a unique solution and a long serial search, where 9×9
/// puzzles are instant: one deep search to set beside many easy ones. It is <c>SudokuGenerator.Harden(SudokuGeometry.ForBoxSize(5), seed: 1,
/// searchNodes: 150_000)</c>, kept as text so the generator may change without moving it; the tests check its solution against the rules.
/// </summary>
public static class SudokuPresets
{
    public const string None = "none";
    public const string Hard25 = "hard25";

    public const string Hard25Puzzle =
        "E00B10200040O0000900N000MMHN0GO03I00000DCE81B000K0D000000MH0P060003IF000B0000000C0E00A000M0002PL7590JK6P200D05B000E000G00F403G0AMH4I0N0095600008E0K" +
        "0000N40I000O0MH00G020K0090002C0JK5076D000000G0H00000F0OB08PK2CJ3000F000900H0L0705D9AH00M0KPC040N0000000P09600D57L0000B0AGM0800F000H0000A000090P80F0" +
        "00EC0B40800000000M0GA0P0J600L7500KCE9J020O30F4H070L000G000000800F000005000EC9J62PN0F0004O0005G0L00E0K0P9066J70005LD00B00C000001480O0E0000P00900100G" +
        "LD5H00IMN0DGH0FAN0I0P7J00O300000E00318420C00I0F0006J000000L9P000ML05G0CJ0K3000F0O1480000L3000F76DP9000O00C200K000CD000700000005LG3NF000A30NE004100M" +
        "5H0K000D67P084E10JCK000N3A009P00M0000";

    /// <summary>Every value of <c>preset</c>, <see cref="None"/> first.</summary>
    public static IReadOnlyList<string> Names { get; } = [None, Hard25];

    /// <summary>The puzzle text of a preset other than <see cref="None"/>.</summary>
    public static string Text(string name) => name switch
    {
        Hard25 => Hard25Puzzle,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a preset."),
    };
}
