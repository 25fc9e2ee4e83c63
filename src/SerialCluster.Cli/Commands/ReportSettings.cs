using System.ComponentModel;
using SerialCluster.Cli.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster report</c>.</summary>
public sealed class ReportSettings : ClusterSettings
{
    [CommandArgument(0, "[jobId]")]
    [Description("A job stored by the cluster given with --gateway or --redis.")]
    public string? JobId { get; init; }

    [CommandOption("--from <FILE>")]
    [Description("Read the job from a saved `run --json` document instead (works after an embedded run).")]
    public string? From { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write an HTML report with the timeline and parallelism charts embedded as PNG images.")]
    public string? Html { get; init; }

    public override ValidationResult Validate()
    {
        if ((JobId is null) == (From is null))
        {
            return ValidationResult.Error("report needs one source: a job id (of a running cluster) or --from FILE (a saved `run --json`)");
        }

        OutputPath.Require(Html, "--html");
        return base.Validate();
    }
}
