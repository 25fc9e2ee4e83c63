using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of the commands that act on one job by id: <c>jobs show|delete</c>, <c>cancel</c>.</summary>
public sealed class JobIdSettings : ClusterSettings
{
    public const int MaxJobIdLength = 128;

    [CommandArgument(0, "<jobId>")]
    [Description("The job's id, as `run` or `jobs list` printed it.")]
    public string JobId { get; init; } = string.Empty;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(JobId) || JobId.Length > MaxJobIdLength || JobId.Any(char.IsControl))
        {
            return ValidationResult.Error($"job id '{JobId}' is not a job id; allowed: 1 to {MaxJobIdLength} printable characters");
        }

        return base.Validate();
    }
}
