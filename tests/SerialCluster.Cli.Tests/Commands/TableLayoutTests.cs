namespace SerialCluster.Cli.Tests.Commands;

/// <summary>
/// Tables at 80 and 160 columns: no number or name is split across lines (a split row leaves a line of the table with
/// empty cells, or a cell ending mid-number), and the sweep shows its essential columns unless --wide.
/// </summary>
[Collection(MeasurementCollection.Name)]
public sealed class TableLayoutTests
{
    private static readonly string[] SmallSweep =
        ["sweep", "montecarlo", "--set", "samples=200000", "--set", "tasks=4", "--parallelism", "1,2", "--repeat", "1", "--warmup", "0",
            "--capacity-control", "off", "--silos", "1"];

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task TheDemoTableAt80ColumnsSplitsNoNumberOrName()
    {
        var (code, stdout, stderr) = await CliHarness.RunAtWidthAsync(80, "demo", "--seconds", "0.2");
        Assert.True(code == ExitCodes.Success, stderr);
        TableText.AssertWhole(stdout, 80);
        Assert.Contains("hashchain", stdout, StringComparison.Ordinal);
        Assert.Matches(@"work\s+\d{1,3}(,\d{3})*\n", stdout.ReplaceLineEndings("\n"));
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task TheSweepIsVerticalBelow100ColumnsAndShowsItsEssentialColumnsUnlessWide()
    {
        var narrow = await CliHarness.RunAtWidthAsync(80, SmallSweep);
        Assert.True(narrow.Code == ExitCodes.Success, narrow.Stderr);
        TableText.AssertWhole(narrow.Stdout, 80);
        Assert.DoesNotContain("│", narrow.Stdout, StringComparison.Ordinal);
        Assert.Contains("P serial", narrow.Stdout, StringComparison.Ordinal);

        var wide = await CliHarness.RunAtWidthAsync(160, [.. SmallSweep, "--wide"]);
        Assert.True(wide.Code == ExitCodes.Success, wide.Stderr);
        TableText.AssertWhole(wide.Stdout, 160);
        Assert.Contains("Brent", wide.Stdout, StringComparison.Ordinal);
        Assert.Contains("USL fit", wide.Stdout, StringComparison.Ordinal);

        var essential = await CliHarness.RunAtWidthAsync(160, SmallSweep);
        Assert.True(essential.Code == ExitCodes.Success, essential.Stderr);
        TableText.AssertWhole(essential.Stdout, 160);
        Assert.Contains("│ serial │", essential.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Brent", essential.Stdout, StringComparison.Ordinal);
        Assert.Contains("--wide", essential.Stdout, StringComparison.Ordinal);
    }

    [Trait("Category", "Cluster")]
    [Fact]
    public async Task TheClusterTableAt80ColumnsSplitsNoAddress()
    {
        var (code, stdout, stderr) = await CliHarness.RunAtWidthAsync(80, "cluster", "--silos", "1");
        Assert.True(code == ExitCodes.Success, stderr);
        TableText.AssertWhole(stdout, 80);
        Assert.Matches(@"127\.0\.0\.1:\d+", stdout);
    }
}
