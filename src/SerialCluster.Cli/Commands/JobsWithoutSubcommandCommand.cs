using Spectre.Console.Cli;

namespace SerialCluster.Cli.Commands;

/// <summary><c>serialcluster jobs</c> with no subcommand: a usage error (exit code 2), one line, nothing connected.</summary>
public sealed class JobsWithoutSubcommandCommand : Command<ClusterSettings>
{
    public override int Execute(CommandContext context, ClusterSettings settings, CancellationToken cancellationToken) =>
        throw new CliException(
            ExitCodes.Usage, "`jobs` needs a subcommand, e.g. `serialcluster jobs list --redis HOST:PORT`; `serialcluster jobs --help` lists them");
}
