using SerialCluster.Cli;
using SerialCluster.Cli.Forwarding;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Cli.Output;

using var signals = new ShutdownSignals();
var code = await CommandForwarder.TryRunAsync(args, signals.Token) ?? await RunHereAsync(args, signals.Token);
return signals.ExitCode(code);

// Kept apart so a forwarded command never loads the command line's and the console's libraries.
static Task<int> RunHereAsync(string[] args, CancellationToken cancellationToken) =>
    CliApplication.RunAsync(args, ConsoleStreams.System(), cancellationToken);
