using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster demo</c>.</summary>
public sealed class DemoSettings : ClusterSettings
{
    [CommandOption("--seconds <S>")]
    [Description("Target single-core time T(1) of each workload, in seconds (0.2-60).")]
    [DefaultValue(3.0)]
    public double Seconds { get; init; } = 3.0;

    [CommandOption("-p|--parallelism <P>")]
    [Description("P for the parallel runs; 0 = every core the cluster has.")]
    [DefaultValue(0)]
    public int Parallelism { get; init; }

    /// <summary>Most runs of each job <c>--repeat</c> allows.</summary>
    public const int MaxRepeat = 20;

    [CommandOption("--repeat <N>")]
    [Description("Runs of each job (pinned, P=1, P=cores); the table shows the median and the spread (1-20).")]
    [DefaultValue(3)]
    public int Repeat { get; init; } = 3;

    public override ValidationResult Validate()
    {
        if (Repeat is < 1 or > MaxRepeat)
        {
            return ValidationResult.Error($"--repeat {Repeat} is out of range; allowed: 1 to {MaxRepeat}");
        }

        if (!(Seconds is >= 0.2 and <= 60))
        {
            return ValidationResult.Error($"--seconds {Seconds} is out of range; allowed: 0.2 to 60");
        }

        if (Parallelism is < 0 or > RunSettings.MaxParallelism)
        {
            return ValidationResult.Error($"--parallelism {Parallelism} is out of range; allowed: 1 to {RunSettings.MaxParallelism}, or 0 for every core");
        }

        return base.Validate();
    }
}
