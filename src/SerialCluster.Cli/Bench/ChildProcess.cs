using System.Diagnostics;
using SerialCluster.Cli.Local;

namespace SerialCluster.Cli.Bench;

/// <summary>One run of another program (or of this CLI) as a process of its own, timed from its start to its exit, with what it printed.</summary>
public sealed record ChildProcess(int ExitCode, double Seconds, string Stdout, string Stderr)
{
    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> and <paramref name="environment"/> added to this
    /// process's; past <paramref name="limit"/> it is killed with its children and <see cref="TimeoutException"/> says so.
    /// </summary>
    public static async Task<ChildProcess> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan limit,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} ran past {limit.TotalSeconds:F0} s");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new ChildProcess(process.ExitCode, seconds, await stdout, await stderr);
    }

    /// <summary>Runs <c>serialcluster <paramref name="arguments"/></c>, this CLI again (<see cref="SelfCommand"/>), for at most three minutes.</summary>
    public static Task<ChildProcess> RunCliAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var prefix = SelfCommand.Prefix();
        return RunAsync(prefix[0], prefix.Skip(1).Concat(arguments), environment, TimeSpan.FromMinutes(3), cancellationToken);
    }
}
