using Microsoft.Extensions.Hosting;

namespace SerialCluster.Cli.Lifetime;

/// <summary>
/// The lifetime of every host this process starts (embedded silos, the cluster client): it ignores signals. The
/// default console lifetime stops a host on SIGTERM or Ctrl+C by itself, behind the command's back — silos gone
/// while the client polls on, or a client gone while the job runs on; only <see cref="ShutdownSignals"/> may decide.
/// </summary>
public sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
