using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster down</c>.</summary>
public sealed class DownSettings : CommandSettings
{
    public const int MaxTimeoutSeconds = 600;

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long the silos get to stop gracefully after SIGTERM before SIGKILL ends their process (1-600 s).")]
    [DefaultValue(30)]
    public int TimeoutSeconds { get; init; } = 30;

    [CommandOption("-v|--verbose")]
    [Description("Show stack traces.")]
    public bool Verbose { get; init; }

    public override ValidationResult Validate() =>
        TimeoutSeconds is < 1 or > MaxTimeoutSeconds
            ? ValidationResult.Error($"--timeout {TimeoutSeconds} is out of range; allowed: 1 to {MaxTimeoutSeconds} seconds")
            : ValidationResult.Success();
}
