using System.ComponentModel;
using SerialCluster.Abstractions.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster run</c>.</summary>
public sealed class RunSettings : ClusterSettings
{
    public const int MaxParallelism = JobSpecBounds.MaxParallelism;

    /// <summary>Seven days, as the cluster allows.</summary>
    public const double MaxDeadlineSeconds = JobSpecBounds.MaxDeadlineSeconds;

    [CommandArgument(0, "<workload>")]
    [Description("The workload to run (see `serialcluster workloads`).")]
    public string Workload { get; init; } = string.Empty;

    [CommandOption("-s|--set <NAME=VALUE>")]
    [Description("A workload parameter; repeat for several. NAME=@path sends the content of a file.")]
    public string[] Set { get; init; } = [];

    [CommandOption("-m|--mode <MODE>")]
    [Description("pinned (whole job on one silo, one core), scatter (tasks spread over every silo) "
        + "or auto (a cost model picks the faster from measured costs).")]
    [DefaultValue("scatter")]
    public string Mode { get; init; } = "scatter";

    [CommandOption("-p|--parallelism <P>")]
    [Description("Most tasks in flight across the cluster; 0 = every core the cluster has.")]
    [DefaultValue(0)]
    public int Parallelism { get; init; }

    [CommandOption("--idempotency-key <KEY>")]
    [Description("Submit at most once under KEY: a repeat with the same parameters follows the job the key started "
        + "(nothing new runs); with different parameters it is refused.")]
    public string? IdempotencyKey { get; init; }
    [CommandOption("--detach")]
    [Description("Submit the job, print its id and return; it runs on without this command (needs --gateway or --redis). Follow it with `jobs show`.")]
    public bool Detach { get; init; }

    [CommandOption("-y|--yes")]
    [Description("Start a job predicted to take longer than 10 minutes without asking (scripts are never asked).")]
    public bool Yes { get; init; }

    [CommandOption("--deadline <SECONDS>")]
    [Description("Stop the job if it has not finished this many seconds after the cluster accepted it (0 = no deadline).")]
    [DefaultValue(0.0)]
    public double Deadline { get; init; }

    [CommandOption("--timeline")]
    [Description("End with this command's timeline on stderr: each phase from process start to exit (cluster start, calibration, job), "
        + "in ms. --verbose includes it.")]
    public bool Timeline { get; init; }

    public JobMode ParsedMode => Mode.ToLowerInvariant() switch
    {
        "pinned" => JobMode.Pinned,
        "auto" => JobMode.Auto,
        _ => JobMode.Scatter,
    };

    public override ValidationResult Validate()
    {
        if (Mode.ToLowerInvariant() is not ("pinned" or "scatter" or "auto"))
        {
            return ValidationResult.Error($"--mode '{Mode}' is not a mode; allowed: pinned, scatter, auto");
        }

        if (Parallelism is < 0 or > MaxParallelism)
        {
            return ValidationResult.Error($"--parallelism {Parallelism} is out of range; allowed: 1 to {MaxParallelism}, or 0 for every core");
        }

        if (IdempotencyKey is not null && !Grains.Idempotency.IdempotencyKey.IsValid(IdempotencyKey))
        {
            var shown = Workloads.Parameters.InvalidParameterException.Printable(IdempotencyKey);
            return ValidationResult.Error(
                $"--idempotency-key '{shown}' is not a key; allowed: {Grains.Idempotency.IdempotencyKey.Allowed}");
        }

        if (!(Deadline >= 0 && Deadline <= MaxDeadlineSeconds))
        {
            return ValidationResult.Error($"--deadline {Deadline} is out of range; allowed: 0 (none) to {MaxDeadlineSeconds} seconds");
        }

        return base.Validate();
    }
}
