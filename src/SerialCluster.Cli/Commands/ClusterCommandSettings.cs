using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster cluster</c>.</summary>
public sealed class ClusterCommandSettings : ClusterSettings
{
    public const int MaxWaitSeconds = 600;

    [CommandOption("--wait <SECONDS>")]
    [Description("Wait up to this long for every silo's first calibration and hop latencies (0-600; 0 shows what there is now).")]
    [DefaultValue(30)]
    public int Wait { get; init; } = 30;

    public override ValidationResult Validate()
    {
        if (Wait is < 0 or > MaxWaitSeconds)
        {
            return ValidationResult.Error($"--wait {Wait} is out of range; allowed: 0 to {MaxWaitSeconds} seconds");
        }

        return base.Validate();
    }
}
