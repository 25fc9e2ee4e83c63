using System.Diagnostics;
using System.Text;

namespace SerialCluster.Integration.Tests.Deployment.Docker;

/// <summary>
/// One run of a command-line program with its own environment: stdout and stderr kept apart (a <c>--json</c> document
/// is read from stdout), each stderr line offered to a watcher as it comes, killed by PID at its deadline.
/// </summary>
public sealed class CommandRun
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CommandRun(string description) => Description = description;

    public string Description { get; }

    public int ExitCode { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public string Stdout => _stdout.ToString();

    public string Stderr => _stderr.ToString();

    public static async Task<CommandRun> RunAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan deadline,
        Action<string>? onStderrLine = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var run = new CommandRun($"{Path.GetFileName(program)} {string.Join(' ', info.ArgumentList)}");
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (run._stdout)
                {
                    run._stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (run._stderr)
                {
                    run._stderr.AppendLine(e.Data);
                }

                onStderrLine?.Invoke(e.Data);
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{run.Description} did not finish within {deadline.TotalSeconds:F0} s:\n{run.Stderr}");
        }

        // The asynchronous readers finish after the exit: wait for their end-of-stream.
        process.WaitForExit();
        run.ExitCode = process.ExitCode;
        run.Elapsed = clock.Elapsed;
        return run;
    }

    /// <summary>This run, or an exception with its command, exit code and output when it did not exit 0.</summary>
    public CommandRun Succeeded() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{Description} exited {ExitCode}:\n{Stdout}\n{Stderr}");
}
