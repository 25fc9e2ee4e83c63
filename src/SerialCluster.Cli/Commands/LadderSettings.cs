using System.ComponentModel;
using System.Globalization;
using SerialCluster.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster ladder</c>.</summary>
public sealed class LadderSettings : ClusterSettings
{
    public const int MaxK = 1_000_000;
    public const double MinSeconds = 0.01;
    public const double MaxSeconds = 60;
    public const double QuickSeconds = 0.02;

    [CommandOption("-k|--every <LIST>")]
    [Description("Steps between two crossings of the boundary, comma-separated (each 1 to 1000000).")]
    [DefaultValue("1,10,100,1000")]
    public string Ks { get; init; } = "1,10,100,1000";

    [CommandOption("--seconds <SECONDS>")]
    [Description("Wall time of each rung (0.01 to 60 s); each rung also crosses at least 5 times.")]
    [DefaultValue(1.0)]
    public double Seconds { get; init; } = 1.0;

    [CommandOption("--quick")]
    [Description("Tiny rungs (0.02 s each): checks the command and its table, not figures to quote.")]
    public bool Quick { get; init; }

    [CommandOption("--report <FILE>")]
    [Description("Also write the Markdown table to this file.")]
    public string? Report { get; init; }

    [CommandOption("--plot <FILE>")]
    [Description("Also draw steps/s against k per boundary, with the floors' bounds, as a PNG.")]
    public string? Plot { get; init; }

    /// <summary>The k values, in the order given (valid after <see cref="Validate"/>).</summary>
    public IReadOnlyList<int> ParsedKs => [.. Ks.Split(',', StringSplitOptions.TrimEntries).Select(k => int.Parse(k, CultureInfo.InvariantCulture))];

    public double RungSeconds => Quick ? QuickSeconds : Seconds;

    public override ValidationResult Validate()
    {
        var bad = Ks.Split(',', StringSplitOptions.TrimEntries)
            .FirstOrDefault(k => !int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxK);
        if (bad is not null || Ks.Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Count() != Ks.Split(',').Length)
        {
            return ValidationResult.Error(
                $"--every '{Ks}' has '{bad ?? "a repeated value"}'; allowed: distinct whole numbers from 1 to " +
                    $"{MaxK.ToString("N0", CultureInfo.InvariantCulture)}, " +
                "comma-separated");
        }

        if (Seconds is < MinSeconds or > MaxSeconds || double.IsNaN(Seconds))
        {
            return ValidationResult.Error(
                string.Create(CultureInfo.InvariantCulture, $"--seconds {Seconds} is out of range; allowed: {MinSeconds} to {MaxSeconds} seconds"));
        }

        OutputPath.Require(Report, "--report");
        OutputPath.Require(Plot, "--plot");
        return base.Validate();
    }
}
