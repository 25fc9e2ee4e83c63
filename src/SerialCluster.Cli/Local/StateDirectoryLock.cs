using System.Diagnostics;

namespace SerialCluster.Cli.Local;

/// <summary>
/// The state directory's lock, held by <c>up</c> and <c>down</c> while they start or stop the local cluster, so that two
/// of them at once never start two clusters or stop one being started. An advisory lock the kernel drops with its holder.
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;

    private StateDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for another <c>up</c> or <c>down</c> to finish.</summary>
    /// <exception cref="CliException">Another command held it all that time (exit code 13).</exception>
    public static async Task<StateDirectoryLock> AcquireAsync(LocalClusterPaths paths, TimeSpan wait, Action<string> say, CancellationToken cancellationToken)
    {
        paths.Create();
        var clock = Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            try
            {
                return new StateDirectoryLock(new FileStream(paths.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < wait)
            {
                if (!said)
                {
                    say($"waiting for another `serialcluster up` or `down` to finish (it holds {paths.LockFile})…");
                    said = true;
                }

                await Task.Delay(RetryInterval, cancellationToken);
            }
            catch (IOException e)
            {
                throw new CliException(
                    ExitCodes.LocalClusterFailed,
                    $"another `serialcluster up` or `down` held {paths.LockFile} for {wait.TotalSeconds:F0} s; try again when it has finished",
                    e);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
