using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of the hidden <c>serialcluster serve</c>, the local cluster's host process, as <c>up</c> starts it.</summary>
public sealed class ServeSettings : LocalClusterSettings
{
    [CommandOption("--state-dir <DIR>")]
    [Description("The directory of the state file this host writes once its gateways accept jobs (and removes when it stops).")]
    public string StateDirectory { get; init; } = string.Empty;

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(StateDirectory) ? ValidationResult.Error("serve needs --state-dir DIR") : base.Validate();
}
