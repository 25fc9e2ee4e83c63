using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster up</c>.</summary>
public sealed class UpSettings : LocalClusterSettings
{
    public const int MaxTimeoutSeconds = 3600;

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long to wait for the local cluster to accept jobs (1-3600 s; default: 120 s, stretched by this machine's load average "
        + "per core, up to 600 s).")]
    public int? TimeoutSeconds { get; init; }

    [CommandOption("--json")]
    [Description("Print the local cluster's status as one JSON document on stdout (as `status --json`); human text goes to stderr.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        TimeoutSeconds is < 1 or > MaxTimeoutSeconds
            ? ValidationResult.Error($"--timeout {TimeoutSeconds} is out of range; allowed: 1 to {MaxTimeoutSeconds} seconds")
            : base.Validate();
}
