using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace SerialCluster.Integration.Tests.Infrastructure;

/// <summary>
/// A process this test run started: its output kept (the last lines) for failure messages, a wait for a line
/// that says it is ready, and a kill by PID on dispose — also when the test host exits without disposing.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 300;
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                Kill(process);
            }
        };
    }

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/>; stdout and stderr are captured.</summary>
    public static ChildProcess Start(string name, string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child.OnExited();
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears; fails at once if the process exits first.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan deadline)
    {
        TaskCompletionSource seen;
        lock (_waits)
        {
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((text, seen));
            if (_process.HasExited)
            {
                seen.TrySetException(new InvalidOperationException($"{Name} (pid {Pid}) has exited with code {_process.ExitCode}; its output:\n{Output()}"));
            }
        }

        try
        {
            await seen.Task.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"timed out after {deadline.TotalSeconds:F0} s waiting for {Name} (pid {Pid}) to print '{text}'; its output:\n{Output()}");
        }
    }

    /// <summary>Waits for the process to exit by itself and returns its exit code (all its output read).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"timed out after {deadline.TotalSeconds:F0} s waiting for {Name} (pid {Pid}) to exit; its output:\n{Output()}");
        }

        return _process.ExitCode;
    }

    /// <summary>The last lines the process printed.</summary>
    public string Output()
    {
        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Kill(_process);
        Running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }

        lock (_waits)
        {
            foreach (var (text, seen) in _waits)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    seen.TrySetResult();
                }
            }
        }
    }

    private void OnExited()
    {
        // Let the last output arrive first, so the failure message shows why it exited.
        _process.WaitForExit();
        lock (_waits)
        {
            foreach (var (_, seen) in _waits)
            {
                seen.TrySetException(new InvalidOperationException($"{Name} (pid {Pid}) exited with code {_process.ExitCode}; its output:\n{Output()}"));
            }
        }
    }
}
