using SerialCluster.Cli.Output;
using Spectre.Console;

namespace SerialCluster.Cli.Tests.Output;

/// <summary>The terminal table: bordered when it fits, vertical when it does not, never a token split across lines.</summary>
public sealed class TerminalTableTests
{
    [Fact]
    public void ATableThatFitsIsBorderedWithEveryTokenOnOneLine()
    {
        var text = Render(100, Table());
        Assert.Contains("│ hashchain │ 15,519,591 │ SHA-256 steps, each needing the last │", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ATableWiderThanTheConsoleIsVerticalWithEveryTokenWhole()
    {
        var text = Render(40, Table());
        Assert.DoesNotContain("│", text, StringComparison.Ordinal);
        Assert.Contains("workload hashchain", text, StringComparison.Ordinal);
        Assert.Matches(@"\n  work\s+15,519,591\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void BelowItsThresholdATableIsVerticalEvenWhenItFits()
    {
        var table = new TerminalTable { VerticalBelow = 100 }.AddColumn("P").AddColumn("median").AddRow("1", "0.5 s");
        Assert.True(table.IsVertical(99));
        Assert.False(table.IsVertical(100));
    }

    private static TerminalTable Table() =>
        new TerminalTable().AddColumn("workload").AddColumn("work", rightAligned: true).AddColumn("meaning", prose: true)
            .AddRow("hashchain", "15,519,591", "SHA-256 steps, each needing the last");

    private static string Render(int width, TerminalTable table)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        table.Write(console);
        return writer.ToString();
    }
}
