using SerialCluster.Cli;
using SerialCluster.Cli.Output;
using SerialCluster.Grains.Hosting;

// Before the first socket (the embedded cluster's or the gateway client's): the runtime reads this once.
SocketCompletions.InlineUnlessSet();

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels cleanly (the embedded cluster stops); a second one ends the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await CliApplication.RunAsync(args, ConsoleStreams.System(), cancellation.Token);
