using System.Text.RegularExpressions;

namespace SerialCluster.Cli.Tests.Commands;

/// <summary>Checks on a command's table output: nothing wider than the terminal, no table row split across lines.</summary>
public static partial class TableText
{
    /// <summary>
    /// Every line fits <paramref name="width"/>; every row of a bordered table has all its cells filled (a row whose
    /// token was wrapped continues on a line with empty cells); no cell ends in a thousands separator or a dash.
    /// </summary>
    public static void AssertWhole(string output, int width)
    {
        foreach (var line in output.ReplaceLineEndings("\n").Split('\n'))
        {
            Assert.True(line.Length <= width, $"a line of {line.Length} columns at {width}: {line}");
            if (!line.StartsWith('│'))
            {
                continue;
            }

            var cells = line.Split('│')[1..^1].Select(c => c.Trim()).ToList();
            Assert.True(cells.All(c => c.Length > 0), $"a table row continued on another line (a token was split):\n{output}");
            Assert.True(cells.All(c => !SplitNumber().IsMatch(c)), $"a number split across lines:\n{output}");
        }
    }

    [GeneratedRegex(@"\d[,–-]$")]
    private static partial Regex SplitNumber();
}
