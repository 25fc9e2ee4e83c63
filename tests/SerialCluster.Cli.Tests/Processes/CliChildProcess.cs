using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SerialCluster.Cli.Tests.Processes;

/// <summary>
/// The built <c>serialcluster</c> (its dll is copied beside these tests) as its own process, for what only a real
/// process shows: signals sent by PID, the exit code the shell sees, environment variables. Killed on dispose.
/// </summary>
public sealed class CliChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private CliChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>Starts <c>serialcluster ARGUMENTS</c> with <paramref name="environment"/> added to this process's environment.</summary>
    public static CliChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        // Through env, SIGINT's default action is restored: a test host started in the background ignores SIGINT, and
        // an ignored signal is inherited across exec, so Ctrl+C could not be sent to the command otherwise.
        var info = new ProcessStartInfo("env")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "serialcluster.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new CliChildProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Everything it printed so far, stdout and stderr interleaved.</summary>
    public string Output()
    {
        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    /// <summary>Polls until it printed a line containing <paramref name="text"/>; fails if it exits first or the deadline passes.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }

                throw new InvalidOperationException($"serialcluster exited ({_process.ExitCode}) before printing '{text}':\n{Output()}");
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"serialcluster did not print '{text}' within {deadline.TotalSeconds:F0} s:\n{Output()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, HUP, INT) to it by PID with the system's <c>kill</c>.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start kill");
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -{signal} {Pid} failed");
    }

    /// <summary>Its exit code once it ends by itself; a deadline that passes fails the test with its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"serialcluster did not exit within {deadline.TotalSeconds:F0} s:\n{Output()}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
