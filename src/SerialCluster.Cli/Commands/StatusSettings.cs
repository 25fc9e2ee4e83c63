using System.ComponentModel;
using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary>Options of <c>serialcluster status</c>.</summary>
public sealed class StatusSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print exactly one JSON document on stdout.")]
    public bool Json { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Show stack traces.")]
    public bool Verbose { get; init; }
}
