using SerialCluster.Cli;
using SerialCluster.Cli.Lifetime;
using SerialCluster.Cli.Output;

using var signals = new ShutdownSignals();
var code = await CliApplication.RunAsync(args, ConsoleStreams.System(), signals.Token);
return signals.ExitCode(code);
