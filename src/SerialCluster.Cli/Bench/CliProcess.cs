using System.Diagnostics;
using SerialCluster.Cli.Local;

namespace SerialCluster.Cli.Bench;

/// <summary>One run of this CLI as a process of its own, timed from its start to its exit, with what it printed.</summary>
public sealed record CliProcess(int ExitCode, double Seconds, string Stdout, string Stderr)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Runs <c>serialcluster <paramref name="arguments"/></c> with <paramref name="environment"/> added to this process's;
    /// killed (with its children) if it runs past three minutes.
    /// </summary>
    public static async Task<CliProcess> RunAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var prefix = SelfCommand.Prefix();
        var start = new ProcessStartInfo(prefix[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {prefix[0]}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new CliProcess(process.ExitCode, seconds, await stdout, await stderr);
    }
}
